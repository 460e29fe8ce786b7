// The signed-in shell's header: role-aware navigation, the person, their language and theme.
import { getTranslations } from "next-intl/server";
import { cookies } from "next/headers";
import { THEME_COOKIE, themeOf } from "@/components/theme/theme";
import type { Principal } from "@/lib/auth/principal";
import { roleAllows } from "@/lib/auth/permissions";
import type { AppLocale } from "@/i18n/config";
import { NAV_ITEMS } from "./nav-items";
import { ShellHeader } from "./shell-header";

export { NAV_ITEMS } from "./nav-items";

export async function AppNav({ principal, locale }: { principal: Principal; locale: AppLocale }) {
  const t = await getTranslations("nav");
  const items = NAV_ITEMS.filter((item) => roleAllows(principal.role, item.permission)).map((item) => ({
    href: item.href,
    label: t(item.key),
    group: item.group,
    sections: item.sections,
  }));
  const theme = themeOf((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <ShellHeader
      items={items}
      name={principal.name}
      roleLabel={t(`roles.${principal.role}`)}
      locale={locale}
      theme={theme}
    />
  );
}
