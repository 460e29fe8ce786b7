// The signed-in navigation: which pages each role reaches, how the header groups them, and which
// item (and group) the current page belongs to.
import type { Permission } from "@/lib/auth/permissions";

export type NavKey =
  | "onboarding"
  | "board"
  | "timeline"
  | "requests"
  | "dashboard"
  | "approvals"
  | "reviews"
  | "reports"
  | "templates"
  | "guides"
  | "people"
  | "organisation"
  | "professions"
  | "audit"
  | "tokens";
/** The person's own work, their team's pages, the administration pages, their own settings. */
export type NavGroup = "work" | "team" | "admin" | "personal";
/** The groups the header gathers behind one button each; the person's own work stays in view. */
export type CollapsedGroup = Extract<NavGroup, "team" | "admin">;
const COLLAPSED: readonly CollapsedGroup[] = ["team", "admin"];

type NavItem = {
  href: string;
  key: NavKey;
  permission: Permission;
  group: NavGroup;
  /** Other paths whose pages belong to this item (a person's page in the manager's area is one of the people). */
  sections?: string[];
};

/** Navigation shows only what the role may open; the pages check again on the server. */
export const NAV_ITEMS: NavItem[] = [
  { href: "/onboarding", key: "onboarding", permission: "me:read", group: "work" },
  { href: "/board", key: "board", permission: "tasks:read", group: "work" },
  { href: "/timeline", key: "timeline", permission: "tasks:read", group: "work" },
  { href: "/requests", key: "requests", permission: "requests:create", group: "work" },
  { href: "/manager/dashboard", key: "dashboard", permission: "scores:read", group: "team" },
  { href: "/manager/approvals", key: "approvals", permission: "requests:decide", group: "team" },
  { href: "/manager/reviews", key: "reviews", permission: "submissions:review", group: "team" },
  { href: "/manager/reports", key: "reports", permission: "reports:read", group: "team" },
  { href: "/admin/templates", key: "templates", permission: "templates:write", group: "admin" },
  { href: "/admin/guides", key: "guides", permission: "guides:write", group: "admin" },
  { href: "/admin/users", key: "people", permission: "users:read", group: "admin", sections: ["/manager/people"] },
  { href: "/admin/entities", key: "organisation", permission: "entities:write", group: "admin" },
  { href: "/admin/professions", key: "professions", permission: "professions:write", group: "admin" },
  { href: "/admin/audit", key: "audit", permission: "audit:read", group: "admin" },
  { href: "/settings/tokens", key: "tokens", permission: "tokens:manage", group: "personal" },
];

const within = (pathname: string, path: string) => pathname === path || pathname.startsWith(`${path}/`);

/**
 * The item a page belongs to: the one whose own path or one of whose sections holds the page,
 * the longest match winning (so a nested item beats the one above it). Undefined when none does.
 */
export function activeNavHref(pathname: string, items: readonly Pick<NavItem, "href" | "sections">[]): string | undefined {
  let best: { href: string; length: number } | undefined;
  for (const item of items) {
    for (const path of [item.href, ...(item.sections ?? [])]) {
      if (within(pathname, path) && path.length > (best?.length ?? -1)) best = { href: item.href, length: path.length };
    }
  }
  return best?.href;
}

/** The group of the item a page belongs to (see activeNavHref); undefined when none. */
export function activeNavGroup(pathname: string, items: readonly Pick<NavItem, "href" | "sections" | "group">[]): NavGroup | undefined {
  const href = activeNavHref(pathname, items);
  return items.find((item) => item.href === href)?.group;
}

export type NavLayout<T> = {
  /** The person's own work, always in view. */
  own: T[];
  /** The team's and the administration's pages, in that order, only the groups that have items. */
  groups: { group: CollapsedGroup; items: T[] }[];
  /** The person's own settings, kept with their account. */
  personal: T[];
};

/** The header's arrangement of the items a role may open, each group in the items' own order. */
export function navLayout<T extends Pick<NavItem, "group">>(items: readonly T[]): NavLayout<T> {
  return {
    own: items.filter((item) => item.group === "work"),
    groups: COLLAPSED.map((group) => ({ group, items: items.filter((item) => item.group === group) })).filter((g) => g.items.length > 0),
    personal: items.filter((item) => item.group === "personal"),
  };
}
