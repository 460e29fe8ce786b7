import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { SYSTEM_THEME_SCRIPT, THEME_COOKIE, themeOf } from "@/components/theme/theme";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  return {
    title: { default: "Groundwork", template: "%s · Groundwork" },
    description: (await getTranslations("meta"))("description"),
  };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#020617" },
  ],
};

export default async function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  // Reading the per-request nonce renders every page dynamically, so Next stamps its scripts with it.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  const theme = themeOf((await cookies()).get(THEME_COOKIE)?.value);
  const locale = await getLocale();
  return (
    <html
      lang={locale}
      data-theme={theme}
      className={theme === "dark" ? "dark" : undefined}
      style={theme === "system" ? undefined : { colorScheme: theme }}
      // The system-theme script sets the class before hydration; React must not undo it.
      suppressHydrationWarning
    >
      <head>{theme === "system" ? <script nonce={nonce} dangerouslySetInnerHTML={{ __html: SYSTEM_THEME_SCRIPT }} /> : null}</head>
      <body className="min-h-dvh font-sans">
        <NextIntlClientProvider>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
