// The colour scheme a person chose, kept in a cookie so the server renders the right one and a
// page never flashes the other: light, dark, or the system's (the default).
export const THEME_COOKIE = "gw-theme";
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

export function themeOf(value: string | undefined): Theme {
  return THEMES.find((t) => t === value) ?? "system";
}

/** Runs before the first paint when the system decides: the class strategy needs the class set. */
export const SYSTEM_THEME_SCRIPT =
  "(function(){var m=window.matchMedia('(prefers-color-scheme: dark)');var d=document.documentElement;function a(){if(d.dataset.theme==='system'){d.classList.toggle('dark',m.matches);}}a();m.addEventListener('change',a);})();";
