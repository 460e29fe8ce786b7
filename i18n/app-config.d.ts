// Message keys and locales are checked by the compiler: a missing or misspelt key fails tsc.
// The core file and every area file (i18n/request.ts merges them) make up the messages.
import type admin from "../messages/en/admin.json";
import type exams from "../messages/en/exams.json";
import type manager from "../messages/en/manager.json";
import type messages from "../messages/en.json";
import type { AppLocale } from "./config";

declare module "next-intl" {
  interface AppConfig {
    Locale: AppLocale;
    Messages: typeof messages & typeof exams & typeof manager & typeof admin;
  }
}
