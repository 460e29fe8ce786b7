// next-intl without locale routing: the locale and time zone come from the signed-in person.
// Messages are one core file per locale plus one file per area (messages/<locale>/<area>.json),
// each area's keys under its own namespace, so the areas of the app grow independently.
import { getRequestConfig } from "next-intl/server";
import type { AppLocale } from "./config";
import { getViewer } from "./viewer";

export const MESSAGE_AREAS = ["exams", "manager", "admin"] as const;

async function loadMessages(locale: AppLocale): Promise<Messages> {
  const core = ((await import(`../messages/${locale}.json`)) as { default: Messages }).default;
  const areas = await Promise.all(
    MESSAGE_AREAS.map(async (area) => ((await import(`../messages/${locale}/${area}.json`)) as { default: Record<string, unknown> }).default),
  );
  return Object.assign({}, core, ...areas) as Messages;
}

export default getRequestConfig(async () => {
  const { locale, timeZone } = await getViewer();
  return { locale, timeZone, messages: await loadMessages(locale) };
});

type Messages = typeof import("../messages/en.json") &
  typeof import("../messages/en/exams.json") &
  typeof import("../messages/en/manager.json") &
  typeof import("../messages/en/admin.json");
