// What an employee may not open in the browser: another employee's task, a task that does not
// exist, and every manager or admin page — each answered 404, never shown.
import { apiJson } from "../support/auth";
import { expect, test } from "../support/fixtures";

test("another employee's task is a 404, exactly like a task that does not exist", async ({ employeePage: page, managerApi }) => {
  const people = await apiJson<{ items: { id: number; name: string }[] }>(managerApi, "GET", "/api/users?limit=100");
  const hannah = people.items.find((u) => u.name === "Hannah Lindqvist");
  if (!hannah) throw new Error("the demo organisation has no Hannah Lindqvist");
  const tasks = await apiJson<{ items: { id: number }[] }>(managerApi, "GET", `/api/tasks?assignee_id=${hannah.id}&limit=1`);
  const theirs = tasks.items[0]?.id;
  if (theirs === undefined) throw new Error("Hannah has no tasks");

  for (const id of [theirs, 2_000_000_000]) {
    const response = await page.goto(`/tasks/${id}`);
    expect(response?.status(), `/tasks/${id}`).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not found");
  }
  // The API behind the page refuses the same way.
  const api = await page.request.get(`/api/tasks/${theirs}`);
  expect(api.status()).toBe(404);
});

test("manager and admin pages are a 404 for an employee, and not in the navigation", async ({ employeePage: page }) => {
  await page.goto("/onboarding");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "My onboarding" })).toBeVisible();
  for (const label of ["People", "Organisation", "Professions", "Audit log"]) await expect(nav.getByRole("link", { name: label })).toHaveCount(0);
  for (const path of ["/admin/users", "/admin/entities", "/admin/professions", "/admin/audit"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
});
