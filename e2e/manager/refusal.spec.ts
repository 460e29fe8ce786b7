// What the manager pages refuse: every one of them is a 404 for an employee (and absent from their
// navigation); a manager gets the not-found page for a person or a unit outside their scope.
import { apiJson } from "../support/auth";
import { expect, test } from "../support/fixtures";

test("manager pages are a 404 for an employee, and not in the navigation", async ({ employeePage: page, employeeApi, managerApi }) => {
  const me = await apiJson<{ id: number }>(employeeApi, "GET", "/api/me");
  const report = await apiJson<{ id: number }>(managerApi, "POST", "/api/reports/create", { metrics: { scope: { type: "team", id: (await apiJson<{ id: number }>(managerApi, "GET", "/api/me")).id }, include: ["completion"] } });
  await page.goto("/onboarding");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "My onboarding" })).toBeVisible();
  for (const label of ["Team dashboard", "Approvals", "Reviews", "Reports"]) await expect(nav.getByRole("link", { name: label })).toHaveCount(0);
  for (const path of ["/manager/dashboard", "/manager/approvals", "/manager/reviews", "/manager/reports", `/manager/people/${me.id}`, `/manager/reports/${report.id}`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not found");
  }
});

test("a person or a unit outside the manager's scope is not found", async ({ managerPage: page, managerApi, adminApi }) => {
  const people = await apiJson<{ items: { id: number; name: string }[] }>(adminApi, "GET", "/api/users?limit=100");
  const sofia = people.items.find((u) => u.name === "Sofia Martínez");
  const entities = await apiJson<{ items: { id: number; name: string }[] }>(adminApi, "GET", "/api/entities?limit=100");
  const support = entities.items.find((e) => e.name === "Customer Success");
  if (!sofia || !support) throw new Error("the demo organisation has no Sofia Martínez or no Customer Success");
  // The API agrees: out of scope is absent.
  expect((await managerApi.get(`/api/users/${sofia.id}/scores`)).status()).toBe(404);

  for (const path of [`/manager/people/${sofia.id}`, `/manager/people/2000000000`, `/manager/dashboard?entity=${support.id}`, "/manager/reports/2000000000"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 }), path).toHaveText("Not found");
  }
});
