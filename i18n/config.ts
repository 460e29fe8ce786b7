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

/** Before anyone signs in, the language chosen on the sign-in page is kept in this cookie. */
export const LOCALE_COOKIE = "gw-locale";

/**
 * The interface language a browser asks for in its Accept-Language header, by its weights:
 * "fr-CH, de;q=0.9, en;q=0.8" → "de". Undefined when it asks for none the interface speaks.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): AppLocale | undefined {
  if (!header) return undefined;
  const asked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      return { locale: interfaceLocaleOf(tag.trim()), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry) => entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return asked.find((entry) => entry.locale !== undefined)?.locale;
}

/** A signed-out visitor's language: the one they chose (cookie), else their browser's, else English. */
export function chooseVisitorLocale(cookie: string | null | undefined, acceptLanguage: string | null | undefined): AppLocale {
  return interfaceLocaleOf(cookie) ?? localeFromAcceptLanguage(acceptLanguage) ?? DEFAULT_LOCALE;
}
