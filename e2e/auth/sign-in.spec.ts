// The sign-in form itself (every other spec starts from a stored session): a sign-in that reaches
// the app, a refusal that keeps the email typed, and the page in the visitor's language — the
// browser's, until one is picked on the page — checked with axe and photographed.
import { expect, test } from "@playwright/test";
import { expectAccessible } from "../support/a11y";
import { DESKTOP, PHONE, saveScreenshot } from "../support/screenshots";

const PASSWORD = "groundwork-demo";

test("an admin signs in with the form and reaches the app", async ({ page }) => {
  await page.goto("/home");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fhome/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expectAccessible(page, "sign-in");
  await page.getByLabel("Email").fill("admin@demo.test");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome");
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("button", { name: "Administration" }).click();
  await expect(nav.getByRole("link", { name: "Audit log" })).toBeVisible();
  await nav.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
});

test("a wrong password is refused with a message and no session, and the email stays", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("employee@demo.test");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue("employee@demo.test");
  const me = await page.request.get("/api/me");
  expect(me.status()).toBe(401);
});

test.describe("for a German browser", () => {
  test.use({ locale: "de-DE" });

  test("the sign-in page speaks German until another language is picked on it", async ({ page }) => {
    await page.goto("/login");
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bei Groundwork anmelden");
    await expect(page).toHaveTitle("Anmelden · Groundwork");
    for (const [viewport, size] of [["desktop", DESKTOP], ["phone", PHONE]] as const) {
      await page.setViewportSize(size);
      await expectAccessible(page, `sign-in (de, ${viewport})`);
      await saveScreenshot(page, { role: "visitor", page: "sign-in", lang: "de", viewport });
    }
    await page.getByLabel("E-Mail").fill("employee@demo.test");
    await page.getByLabel("Passwort").fill("nicht-das-passwort");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "E-Mail-Adresse oder Passwort ist falsch." })).toBeVisible();
    await expect(page.getByLabel("E-Mail")).toHaveValue("employee@demo.test");

    await page.getByLabel("Sprache").selectOption("en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in to Groundwork");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in to Groundwork");
    await saveScreenshot(page, { role: "visitor", page: "sign-in", lang: "en", viewport: "phone" });
    await page.setViewportSize(DESKTOP);
    await saveScreenshot(page, { role: "visitor", page: "sign-in", lang: "en", viewport: "desktop" });
  });
});
