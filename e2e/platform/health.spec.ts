import { expect, test } from "@playwright/test";
import { expectAccessible } from "../support/a11y";

test("the home page introduces the product", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Onboarding that people finish.");
  await expect(page.getByRole("link", { name: "System status" })).toBeVisible();
  await expectAccessible(page, "home page");
});

test("the home and status pages speak German to a German browser", async ({ browser }) => {
  const context = await browser.newContext({ locale: "de-DE" });
  try {
    const page = await context.newPage();
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Onboarding, das alle zu Ende bringen.");
    await page.getByRole("link", { name: "Systemstatus" }).click();
    await expect(page.getByRole("heading", { name: "Systemstatus" })).toBeVisible();
    await expect(page.getByRole("status")).toContainText("Alle Systeme betriebsbereit");
    await expectAccessible(page, "status page (de)");
  } finally {
    await context.close();
  }
});

test("the status page reports the database as operational", async ({ page }) => {
  await page.goto("/status");
  await expect(page.getByRole("heading", { name: "System status" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("All systems operational");
  await expect(page.getByRole("status")).toContainText("Embedded (PGlite)");
  await expectAccessible(page, "status page");
});

test("readiness answers with the migrated database", async ({ request }) => {
  const response = await request.get("/api/health/ready");
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { status: string; database: { migrations: number } };
  expect(body.status).toBe("ready");
  expect(body.database.migrations).toBeGreaterThan(0);
});
