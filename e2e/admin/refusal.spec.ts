// The template builder and the guide editor are the admin's: a manager or an employee opening them
// gets a 404 page (never the page), does not see them in the navigation, and the API refuses the
// writes behind them.
import { expect, test } from "./fixtures";

const ADMIN_PAGES = ["/admin/templates", "/admin/templates/1", "/admin/guides", "/admin/guides/1"];

for (const role of ["manager", "employee"] as const) {
  test(`${role === "employee" ? "an" : "a"} ${role} gets a 404 for the template builder and the guide editor`, async ({ managerPage, employeePage }) => {
    const page = role === "manager" ? managerPage : employeePage;
    await page.goto("/onboarding");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "My onboarding" })).toBeVisible();
    for (const label of ["Programs", "Guides"]) await expect(nav.getByRole("link", { name: label, exact: true })).toHaveCount(0);
    for (const path of ADMIN_PAGES) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not found");
    }
    const create = await page.request.post("/api/project-templates", { data: { name: "Not mine", duration_days: 5 } });
    expect(create.status()).toBe(403);
  });
}

test("an admin gets a 404 for a program or guide that does not exist", async ({ adminPage: page }) => {
  for (const path of ["/admin/templates/2000000000", "/admin/guides/2000000000", "/admin/templates/abc"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
});
