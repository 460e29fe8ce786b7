// next-intl without locale routing: the locale and time zone come from the signed-in person.
import { getRequestConfig } from "next-intl/server";
import { getViewer } from "./viewer";

export default getRequestConfig(async () => {
  const { locale, timeZone } = await getViewer();
  const messages = (await import(`../messages/${locale}.json`)) as { default: Messages };
  return { locale, timeZone, messages: messages.default };
});

type Messages = typeof import("../messages/en.json");
