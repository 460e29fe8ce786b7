import { expect, test } from "@playwright/test";

test("the home page introduces the product", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Onboarding that people finish.");
  await expect(page.getByRole("link", { name: "System status" })).toBeVisible();
});

test("the status page reports the database as operational", async ({ page }) => {
  await page.goto("/status");
  await expect(page.getByRole("heading", { name: "System status" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("All systems operational");
  await expect(page.getByRole("status")).toContainText("Embedded (PGlite)");
});

test("readiness answers with the migrated database", async ({ request }) => {
  const response = await request.get("/api/health/ready");
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { status: string; database: { migrations: number } };
  expect(body.status).toBe("ready");
  expect(body.database.migrations).toBeGreaterThan(0);
});
