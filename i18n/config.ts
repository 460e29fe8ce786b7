// The interface languages and how a person's language code maps onto one of them.
export const LOCALES = ["en", "de"] as const;
export type AppLocale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: AppLocale = "en";

/** "de-AT" → "de"; a language the interface does not speak yet → undefined. */
export function interfaceLocaleOf(code: string | null | undefined): AppLocale | undefined {
  const base = code?.toLowerCase().split("-")[0];
  return LOCALES.find((locale) => locale === base);
}

/** The person's own language, else their entity's default, else English. */
export function chooseLocale(userLanguage: string | null, entityLanguage: string | null): AppLocale {
  return interfaceLocaleOf(userLanguage) ?? interfaceLocaleOf(entityLanguage) ?? DEFAULT_LOCALE;
}
