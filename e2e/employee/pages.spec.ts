// Every page of the employee's side, in English and German, on a desktop and a phone, light and
// dark, is photographed to e2e/screenshots/ for a person to look at, and must pass axe without a
// serious or critical violation (support/screenshots.ts says on which viewports).
import type { APIRequestContext, Page } from "@playwright/test";
import { apiJson } from "../support/auth";
import { expect, test } from "../support/fixtures";
import { expectReady } from "../support/ready";
import { checkAndPhotograph } from "../support/screenshots";

type Shot = { name: string; path: string };

async function employeePages(api: APIRequestContext): Promise<Shot[]> {
  const tasks = await apiJson<{ items: { id: number; name: string; status: string | null }[] }>(api, "GET", "/api/tasks?limit=100");
  const workstation = tasks.items.find((t) => t.name === "Set up your workstation");
  const open = tasks.items.find((t) => t.status === "in_progress");
  if (!workstation || !open) throw new Error("the demo employee has no workstation task or no task in progress");
  return [
    { name: "home", path: "/home" },
    { name: "onboarding", path: "/onboarding" },
    { name: "task", path: `/tasks/${workstation.id}` },
    { name: "task-open", path: `/tasks/${open.id}` },
    { name: "board", path: "/board" },
    { name: "timeline", path: "/timeline" },
    { name: "requests", path: "/requests" },
    { name: "not-found", path: "/tasks/2000000000" },
  ];
}

async function photograph(page: Page, shots: Shot[], role: string, lang: "en" | "de", scheme?: "dark") {
  for (const shot of shots) {
    await page.goto(shot.path);
    await expectReady(page);
    await checkAndPhotograph(page, { role, page: shot.name, lang, scheme });
  }
}

// Many pages per test, each visited once, then checked and photographed on two viewports.
test.describe.configure({ mode: "serial", timeout: 360_000 });

test("employee pages in English pass axe and are photographed", async ({ employeePage: page, employeeApi }) => {
  await apiJson(employeeApi, "PATCH", "/api/me", { language: "en" });
  await photograph(page, await employeePages(employeeApi), "employee", "en");
});

test("employee pages in German pass axe and are photographed", async ({ employeePage: page, employeeApi }) => {
  const shots = await employeePages(employeeApi);
  await apiJson(employeeApi, "PATCH", "/api/me", { language: "de" });
  try {
    await page.goto("/onboarding");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mein Onboarding");
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await photograph(page, shots, "employee", "de");
  } finally {
    await apiJson(employeeApi, "PATCH", "/api/me", { language: "en" });
  }
});

test("employee pages in dark mode pass axe and are photographed", async ({ employeePage: page, employeeApi, baseURL }) => {
  await page.context().addCookies([{ name: "gw-theme", value: "dark", url: baseURL ?? "" }]);
  const shots = (await employeePages(employeeApi)).filter((s) => ["onboarding", "task", "board", "timeline"].includes(s.name));
  await page.goto("/onboarding");
  await expect(page.locator("html")).toHaveClass(/dark/);
  await photograph(page, shots, "employee", "en", "dark");
});

test("the manager's view of the shared pages passes axe and is photographed", async ({ managerPage: page }) => {
  await photograph(
    page,
    [
      { name: "home", path: "/home" },
      { name: "board", path: "/board" },
      { name: "timeline", path: "/timeline" },
      { name: "requests", path: "/requests" },
    ],
    "manager",
    "en",
  );
});

test("the language switch in the header changes the interface language", async ({ employeePage: page, employeeApi }) => {
  await page.goto("/onboarding");
  try {
    await page.getByRole("button", { name: "Emily Carter" }).click();
    await page.getByRole("combobox", { name: "Language" }).selectOption("de");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mein Onboarding");
    await expect(page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Zeitplan" })).toBeVisible();
  } finally {
    await apiJson(employeeApi, "PATCH", "/api/me", { language: "en" });
  }
});
