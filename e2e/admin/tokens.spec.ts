// API tokens in the browser: the form checks its input with the API's own schema and keeps what was
// typed when it refuses; a created token is shown once and listed.
import { expectReady } from "../support/ready";
import { expect, test } from "./fixtures";

test("a token refused for want of a scope keeps its name; with a scope it is created, shown once and listed", async ({ adminPage: page }) => {
  const name = `Nightly export ${Date.now()}`;
  await page.goto("/settings/tokens");
  await expectReady(page);
  const form = page.getByRole("form", { name: "Create an API token" });
  await form.getByLabel("Name").fill(name);
  for (const scope of ["Read", "Write", "Admin"]) await form.getByRole("checkbox", { name: new RegExp(`^${scope}`) }).uncheck();
  await form.getByRole("button", { name: "Create token" }).click();

  await expect(form.getByText("Choose at least one scope.")).toBeVisible();
  await expect(form.getByLabel("Name")).toHaveValue(name);

  await form.getByRole("checkbox", { name: /^Read/ }).check();
  await form.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText(`Token “${name}” created. Copy it now: it will not be shown again.`)).toBeVisible();
  await expect(page.getByLabel("Your new API token")).toHaveValue(/^gwt_/);
  await expect(page.getByRole("table", { name: "Your API tokens, newest first" }).getByRole("row", { name: new RegExp(name) })).toBeVisible();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByLabel("Your new API token")).toHaveCount(0);
});
