// The admin writes a guide in the browser: created with its English text, translated into German
// in a tab of its own, attached to a program, published; a format that the translations do not fit
// and removing the last translation are refused with the server's reasons.
import { expectAccessible } from "../support/a11y";
import { apiJson } from "../support/auth";
import { expect, test } from "./fixtures";

test.describe.configure({ timeout: 120_000 });

test("an admin creates, translates, attaches and publishes a guide", async ({ adminPage: page, adminApi }) => {
  const name = `Forklift safety ${Date.now()}`;
  await page.goto("/admin/guides");
  await expectAccessible(page, "guides list");
  await page.getByRole("button", { name: "New guide" }).click();
  const create = page.getByRole("form", { name: "New guide" });
  await create.getByLabel("Name").fill(name);
  await create.getByLabel("First language").selectOption("en");
  await create.getByRole("button", { name: "Create guide" }).click();
  // The title is required: refused in the browser, beside its field.
  await expect(create.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
  await create.getByLabel("Title").fill("Forklift safety");
  await create.getByLabel("Text (Markdown)").fill("# Before you drive\n\n- Check the **brakes**.\n- Wear the belt.");
  await create.getByRole("button", { name: "Create guide" }).click();
  await page.waitForURL(/\/admin\/guides\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  // A second language in its own tab.
  const tabs = page.getByRole("tablist", { name: "Languages" });
  await expect(tabs.getByRole("tab", { name: /English/ })).toHaveAttribute("aria-selected", "true");
  await tabs.getByRole("tab", { name: "+ Add language" }).click();
  await page.getByRole("tabpanel").getByLabel("Language").selectOption("de");
  const german = page.getByRole("form", { name: /Translation into Deutsch/ });
  await german.getByLabel("Title").fill("Staplersicherheit");
  await german.getByLabel("Text (Markdown)").fill("# Vor der Fahrt\n\n- **Bremsen** prüfen.");
  await german.getByRole("button", { name: "Add translation" }).click();
  await expect(tabs.getByRole("tab", { name: /Deutsch/ })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByText("Version 2 · 2 translations")).toBeVisible();
  // The tabs follow the arrow keys.
  await tabs.getByRole("tab", { name: /Deutsch/ }).focus();
  await page.keyboard.press("ArrowLeft");
  await expect(tabs.getByRole("tab", { name: /English/ })).toBeFocused();
  await expect(page.getByRole("tabpanel").getByLabel("Title")).toHaveValue("Forklift safety");
  // The preview renders the Markdown as readers see it.
  await page.getByRole("tabpanel").getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("region", { name: "Preview of the text" }).getByRole("heading", { name: "Before you drive" })).toBeVisible();

  // Attached to a published program.
  const links = page.getByRole("region", { name: "Attached to" });
  await links.getByLabel("Attach to").selectOption("project_template");
  await links.getByLabel("Which one").selectOption({ label: "Software Engineer Onboarding · revision 1" });
  await links.getByRole("button", { name: "Attach" }).click();
  await expect(links.getByRole("link", { name: "Software Engineer Onboarding" })).toBeVisible();

  // A video guide needs a media address in every translation: refused while the texts have none.
  const settings = page.getByRole("region", { name: "Guide", exact: true });
  await settings.getByLabel("Format").selectOption("video");
  await settings.getByRole("button", { name: "Save" }).click();
  await expect(settings.getByText(/have no media_url, which video guides need/)).toBeVisible();
  await settings.getByLabel("Format").selectOption("text");
  await settings.getByRole("checkbox", { name: "Published" }).check();
  await settings.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Published", { exact: true }).first()).toBeVisible();
  await expectAccessible(page, "guide editor");

  // The API agrees: published, two languages, attached.
  const id = Number(/\/admin\/guides\/(\d+)/.exec(page.url())?.[1]);
  const stored = await apiJson<{ is_published: boolean; available_languages: string[] }>(adminApi, "GET", `/api/guides/${id}`);
  expect(stored).toMatchObject({ is_published: true, available_languages: ["de", "en"] });
  const attached = await apiJson<{ items: { guideable_type: string }[] }>(adminApi, "GET", `/api/guides/${id}/links`);
  expect(attached.items.map((l) => l.guideable_type)).toEqual(["project_template"]);

  // Removing German works; the last translation stays, with the server's reason.
  await tabs.getByRole("tab", { name: /Deutsch/ }).click();
  await page.getByRole("button", { name: "Remove translation into Deutsch" }).click();
  await expect(tabs.getByRole("tab", { name: /Deutsch/ })).toHaveCount(0);
  await page.getByRole("button", { name: "Remove translation into English" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "A guide keeps at least one translation" })).toBeVisible();
});
