// The signed-in person and their interface settings, read once per request: the request config
// of next-intl, the layouts and the pages all ask, and React's cache keeps it to one query.
import "server-only";
import { cache } from "react";
import { getDb } from "@/db";
import type { Principal } from "@/lib/auth/principal";
import { currentPrincipal } from "@/lib/auth/session";
import { viewerPreferences } from "@/lib/views/viewer";
import { type AppLocale, chooseLocale, DEFAULT_LOCALE } from "./config";

export type Viewer = { principal: Principal | null; locale: AppLocale; timeZone: string };

export const getViewer = cache(async (): Promise<Viewer> => {
  const principal = await currentPrincipal();
  if (!principal) return { principal: null, locale: DEFAULT_LOCALE, timeZone: "UTC" };
  const preferences = await viewerPreferences(await getDb(), principal);
  return { principal, locale: chooseLocale(preferences.userLanguage, preferences.entityLanguage), timeZone: preferences.timeZone };
});
