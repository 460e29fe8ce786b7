// Which navigation item and group a page belongs to: its own path, the pages beneath it, and the
// sections it claims elsewhere (a person's page in the manager's area is one of the people); and how
// the header arranges the items of each role.
import { describe, expect, it } from "vitest";
import { roleAllows } from "@/lib/auth/permissions";
import { activeNavGroup, activeNavHref, NAV_ITEMS, navLayout } from "./nav-items";

const itemsOf = (role: "employee" | "manager" | "admin") => NAV_ITEMS.filter((item) => roleAllows(role, item.permission));

describe("the active navigation item", () => {
  it("is the item of the page itself and of the pages beneath it", () => {
    const items = itemsOf("manager");
    expect(activeNavHref("/manager/dashboard", items)).toBe("/manager/dashboard");
    expect(activeNavHref("/manager/reports/12", items)).toBe("/manager/reports");
    expect(activeNavHref("/admin/users/7", items)).toBe("/admin/users");
    expect(activeNavHref("/settings/tokens", items)).toBe("/settings/tokens");
  });

  it("is People on a person's page in the manager's area, for managers and admins", () => {
    for (const role of ["manager", "admin"] as const) {
      expect(activeNavHref("/manager/people/42", itemsOf(role))).toBe("/admin/users");
      expect(activeNavHref("/manager/people", itemsOf(role))).toBe("/admin/users");
    }
  });

  it("is nothing where no item's path or section holds the page, nor for a path that only shares a prefix", () => {
    const items = itemsOf("admin");
    expect(activeNavHref("/home", items)).toBeUndefined();
    expect(activeNavHref("/tasks/5", items)).toBeUndefined();
    expect(activeNavHref("/boards", items)).toBeUndefined();
    expect(activeNavHref("/manager/peoples/1", items)).toBeUndefined();
    // An employee has no People item, so a page of the manager's area lights up nothing.
    expect(activeNavHref("/manager/people/42", itemsOf("employee"))).toBeUndefined();
  });

  it("prefers the longest match when an item's section lies beneath another item", () => {
    const items = [{ href: "/manager" }, { href: "/admin/users", sections: ["/manager/people"] }];
    expect(activeNavHref("/manager/people/3", items)).toBe("/admin/users");
    expect(activeNavHref("/manager/dashboard", items)).toBe("/manager");
  });
});

describe("the header's arrangement", () => {
  const hrefs = (items: readonly { href: string }[]) => items.map((item) => item.href);

  it("keeps an employee's own work in view and has no groups", () => {
    const layout = navLayout(itemsOf("employee"));
    expect(hrefs(layout.own)).toEqual(["/onboarding", "/board", "/timeline", "/requests"]);
    expect(layout.groups).toEqual([]);
    expect(hrefs(layout.personal)).toEqual(["/settings/tokens"]);
  });

  it("gathers a manager's team pages in one group, and People, the one administration page they reach, in another", () => {
    const layout = navLayout(itemsOf("manager"));
    expect(hrefs(layout.own)).toEqual(["/onboarding", "/board", "/timeline", "/requests"]);
    expect(layout.groups.map((g) => [g.group, hrefs(g.items)])).toEqual([
      ["team", ["/manager/dashboard", "/manager/approvals", "/manager/reviews", "/manager/reports"]],
      ["admin", ["/admin/users"]],
    ]);
  });

  it("gathers an admin's team pages and administration pages, each in the navigation's order", () => {
    const layout = navLayout(itemsOf("admin"));
    expect(hrefs(layout.own)).toHaveLength(4);
    expect(layout.groups.map((g) => [g.group, hrefs(g.items)])).toEqual([
      ["team", ["/manager/dashboard", "/manager/approvals", "/manager/reviews", "/manager/reports"]],
      ["admin", ["/admin/templates", "/admin/guides", "/admin/users", "/admin/entities", "/admin/professions", "/admin/audit"]],
    ]);
    expect(hrefs(layout.personal)).toEqual(["/settings/tokens"]);
  });
});

describe("the active group", () => {
  it("is the group of the active item, drill-down pages included", () => {
    const admin = itemsOf("admin");
    expect(activeNavGroup("/admin/audit", admin)).toBe("admin");
    expect(activeNavGroup("/admin/templates/3", admin)).toBe("admin");
    expect(activeNavGroup("/manager/people/42", admin)).toBe("admin");
    expect(activeNavGroup("/manager/reports/12", admin)).toBe("team");
    expect(activeNavGroup("/board", admin)).toBe("work");
    expect(activeNavGroup("/settings/tokens", admin)).toBe("personal");
  });

  it("is none where no item holds the page", () => {
    expect(activeNavGroup("/home", itemsOf("admin"))).toBeUndefined();
    expect(activeNavGroup("/tasks/5", itemsOf("manager"))).toBeUndefined();
    expect(activeNavGroup("/manager/people/42", itemsOf("employee"))).toBeUndefined();
  });
});
