// The demo organisation's draft program is the admin's to finish: on a fresh demo database it
// publishes from the builder, with every draft beneath it (its steps are the admin's unit's, not
// shared read-only ones). Runs after the admin's page photographs, which show it still a draft.
import { apiJson } from "../support/auth";
import { expect, test } from "./fixtures";

const DRAFT = "Operations Analyst Onboarding";

test("the demo's draft program publishes from the builder", async ({ adminPage: page, adminApi }) => {
  const programs = await apiJson<{ items: { id: number; name: string; is_draft: boolean }[] }>(adminApi, "GET", "/api/project-templates?limit=100");
  const draft = programs.items.find((p) => p.name === DRAFT && p.is_draft);
  if (!draft) throw new Error(`"${DRAFT}" is no draft: this spec needs a fresh demo database`);

  await page.goto(`/admin/templates/${draft.id}`);
  await expect(page.getByRole("heading", { level: 1, name: DRAFT })).toBeVisible();
  await page.getByRole("button", { name: "Publish…" }).click();
  const frozen = page.getByRole("list", { name: "Drafts published with the program" });
  for (const name of [DRAFT, "Operations tooling", "Month-end close walkthrough", "Month-end close", "Reporting basics quiz"]) await expect(frozen).toContainText(name);
  await page.getByRole("button", { name: "Publish now" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Published." })).toBeVisible();
  await expect(page.getByText("Published · revision 1").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Publish…" })).toHaveCount(0);

  const stored = await apiJson<{ is_draft: boolean }>(adminApi, "GET", `/api/project-templates/${draft.id}`);
  expect(stored.is_draft).toBe(false);
});
