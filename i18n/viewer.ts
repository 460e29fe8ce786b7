// The signed-in person and their interface settings, read once per request: the request config
// of next-intl, the layouts and the pages all ask, and React's cache keeps it to one query.
// Before anyone signs in there is no profile: the language is the one picked on the sign-in page
// (a cookie), else the browser's Accept-Language.
import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { getDb } from "@/db";
import type { Principal } from "@/lib/auth/principal";
import { currentPrincipal } from "@/lib/auth/session";
import { viewerPreferences } from "@/lib/views/viewer";
import { type AppLocale, chooseLocale, chooseVisitorLocale, LOCALE_COOKIE } from "./config";

export type Viewer = { principal: Principal | null; locale: AppLocale; timeZone: string };

export const getViewer = cache(async (): Promise<Viewer> => {
  const principal = await currentPrincipal();
  if (!principal) {
    const locale = chooseVisitorLocale((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get("accept-language"));
    return { principal: null, locale, timeZone: "UTC" };
  }
  const preferences = await viewerPreferences(await getDb(), principal);
  return { principal, locale: chooseLocale(preferences.userLanguage, preferences.entityLanguage), timeZone: preferences.timeZone };
});
