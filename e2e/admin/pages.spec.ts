// The admin's pages (templates, guides, people, organisation, professions, audit log, API tokens)
// in English and German, on a desktop and a phone, are
// photographed to e2e/screenshots/ for a person to look at, and must pass axe without a serious or
// critical violation (support/screenshots.ts says on which viewports).
import type { APIRequestContext, Page } from "@playwright/test";
import { apiJson } from "../support/auth";
import { expectReady } from "../support/ready";
import { checkAndPhotograph } from "../support/screenshots";
import { expect, test } from "./fixtures";

type Shot = { name: string; path: string; open?: string };

async function adminPages(api: APIRequestContext): Promise<Shot[]> {
  const programs = await apiJson<{ items: { id: number; name: string; is_draft: boolean }[] }>(api, "GET", "/api/project-templates?limit=100");
  const published = programs.items.find((p) => p.name === "Software Engineer Onboarding");
  // The demo's own draft while it is one (a later spec publishes it), else any draft.
  const draft = programs.items.find((p) => p.is_draft && p.name === "Operations Analyst Onboarding") ?? programs.items.find((p) => p.is_draft);
  const guides = await apiJson<{ items: { id: number; name: string }[] }>(api, "GET", "/api/guides?limit=100");
  const guide = guides.items.find((g) => g.name === "Full-disk encryption") ?? guides.items[0];
  const people = await apiJson<{ items: { id: number; role: string }[] }>(api, "GET", "/api/users?limit=100");
  const employee = people.items.find((u) => u.role === "employee");
  if (!published || !draft || !guide || !employee) throw new Error("the demo organisation lacks a published program, a draft program, a guide or an employee");
  return [
    { name: "templates", path: "/admin/templates" },
    { name: "program", path: `/admin/templates/${published.id}`, open: "Set up your workstation" },
    { name: "program-draft", path: `/admin/templates/${draft.id}` },
    { name: "guides", path: "/admin/guides" },
    { name: "guide", path: `/admin/guides/${guide.id}` },
    { name: "people", path: "/admin/users" },
    { name: "person", path: `/admin/users/${employee.id}` },
    { name: "organisation", path: "/admin/entities" },
    { name: "professions", path: "/admin/professions" },
    { name: "audit", path: "/admin/audit" },
    { name: "tokens", path: "/settings/tokens" },
  ];
}

async function photograph(page: Page, shots: Shot[], lang: "en" | "de") {
  for (const shot of shots) {
    const response = await page.goto(shot.path);
    expect(response?.status(), shot.path).toBe(200);
    await expectReady(page);
    if (shot.open) {
      await page.getByRole("button", { name: shot.open, exact: true }).first().click();
      await expectReady(page);
    }
    await checkAndPhotograph(page, { role: "admin", page: shot.name, lang });
  }
}

// Many pages per test, each visited once, then checked and photographed on two viewports.
test.describe.configure({ mode: "serial", timeout: 360_000 });

test("admin pages in English pass axe and are photographed", async ({ adminPage: page, adminApi }) => {
  await apiJson(adminApi, "PATCH", "/api/me", { language: "en" });
  await photograph(page, await adminPages(adminApi), "en");
});

test("admin pages in German pass axe and are photographed", async ({ adminPage: page, adminApi }) => {
  const shots = await adminPages(adminApi);
  await apiJson(adminApi, "PATCH", "/api/me", { language: "de" });
  try {
    await page.goto("/admin/templates");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Programme");
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await photograph(page, shots, "de");
  } finally {
    await apiJson(adminApi, "PATCH", "/api/me", { language: "en" });
  }
});
