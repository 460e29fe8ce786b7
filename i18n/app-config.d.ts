// Message keys and locales are checked by the compiler: a missing or misspelt key fails tsc.
import type messages from "../messages/en.json";
import type { AppLocale } from "./config";

declare module "next-intl" {
  interface AppConfig {
    Locale: AppLocale;
    Messages: typeof messages;
  }
}
