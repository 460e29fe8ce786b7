import { expect, test } from "@playwright/test";

const PASSWORD = "groundwork-demo";

test("an admin signs in with the form and reaches the app", async ({ page }) => {
  await page.goto("/home");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fhome/);
  await page.getByLabel("Email").fill("admin@demo.test");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" })).toBeVisible();
  await page.getByRole("link", { name: "Audit log" }).first().click();
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
});

test("a wrong password is refused with a message and no session", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("employee@demo.test");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  const me = await page.request.get("/api/me");
  expect(me.status()).toBe(401);
});

test("an employee cannot open admin pages", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("employee@demo.test");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome");
  await expect(page.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  for (const path of ["/admin/audit", "/admin/users", "/admin/entities"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
});
