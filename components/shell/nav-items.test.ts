// Which navigation item a page belongs to: its own path, the pages beneath it, and the sections it
// claims elsewhere (a person's page in the manager's area is one of the people).
import { describe, expect, it } from "vitest";
import { roleAllows } from "@/lib/auth/permissions";
import { activeNavHref, NAV_ITEMS } from "./nav-items";

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
