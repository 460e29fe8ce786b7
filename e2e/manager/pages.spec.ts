// Every manager page, in English and German, on a desktop and a phone (the dashboard in dark mode
// too), is photographed to e2e/screenshots/ for a person to look at, and must pass axe without a
// serious or critical violation (support/screenshots.ts says on which viewports).
import type { APIRequestContext, Page } from "@playwright/test";
import { apiJson } from "../support/auth";
import { expect, test } from "../support/fixtures";
import { expectChartsDrawn, expectReady } from "../support/ready";
import { checkAndPhotograph } from "../support/screenshots";
import { itemAwaitingValidation, requestAsEmployee, submittedWork } from "./arrange";

type Shot = { name: string; path: string };

let arranged: Promise<Shot[]> | undefined;

/** The pages, each with something on it (arranged once per worker, for all the tests below). */
function managerPages(managerApi: APIRequestContext, employeeApi: APIRequestContext): Promise<Shot[]> {
  arranged ??= arrangePages(managerApi, employeeApi);
  return arranged;
}

/** A request, an item and a submission waiting, a stored report. */
async function arrangePages(managerApi: APIRequestContext, employeeApi: APIRequestContext): Promise<Shot[]> {
  const me = await apiJson<{ id: number }>(managerApi, "GET", "/api/me");
  const employee = await apiJson<{ id: number }>(employeeApi, "GET", "/api/me");
  const entities = await apiJson<{ items: { id: number; name: string }[] }>(managerApi, "GET", "/api/entities?limit=100");
  const engineering = entities.items.find((e) => e.name === "Engineering");
  await requestAsEmployee(employeeApi, `Help with the staging database ${Date.now().toString(36)}`);
  await itemAwaitingValidation(managerApi, employeeApi);
  await submittedWork(managerApi, employeeApi, "# Design note\n\n**Problem:** slow invoice export.\n\n- Option A: cache\n- Option B: stream");
  const report = await apiJson<{ id: number }>(managerApi, "POST", "/api/reports/create", {
    metrics: { scope: { type: "team", id: me.id }, include: ["completion", "help", "timing", "quality", "technical", "progress", "exam_pass_rates"] },
  });
  return [
    { name: "dashboard", path: "/manager/dashboard" },
    { name: "dashboard-entity", path: `/manager/dashboard?entity=${engineering?.id ?? ""}` },
    { name: "person", path: `/manager/people/${employee.id}` },
    { name: "approvals", path: "/manager/approvals" },
    { name: "reviews", path: "/manager/reviews" },
    { name: "reports", path: "/manager/reports" },
    { name: "report", path: `/manager/reports/${report.id}` },
  ];
}

async function photograph(page: Page, shots: Shot[], lang: "en" | "de", scheme?: "dark") {
  for (const shot of shots) {
    await page.goto(shot.path);
    await expectReady(page);
    await checkAndPhotograph(page, { role: "manager", page: shot.name, lang, scheme }, expectChartsDrawn);
  }
}

// Many pages per test, each visited once, then checked and photographed on two viewports.
test.describe.configure({ mode: "serial", timeout: 360_000 });

test("manager pages in English pass axe and are photographed", async ({ managerPage: page, managerApi, employeeApi }) => {
  await apiJson(managerApi, "PATCH", "/api/me", { language: "en" });
  await photograph(page, await managerPages(managerApi, employeeApi), "en");
});

test("manager pages in German pass axe and are photographed", async ({ managerPage: page, managerApi, employeeApi }) => {
  const shots = await managerPages(managerApi, employeeApi);
  await apiJson(managerApi, "PATCH", "/api/me", { language: "de" });
  try {
    await page.goto("/manager/dashboard");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Team-Dashboard");
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await photograph(page, shots, "de");
  } finally {
    await apiJson(managerApi, "PATCH", "/api/me", { language: "en" });
  }
});

test("the dashboard and the person page in dark mode pass axe and are photographed", async ({ managerPage: page, managerApi, employeeApi, baseURL }) => {
  await page.context().addCookies([{ name: "gw-theme", value: "dark", url: baseURL ?? "" }]);
  const shots = (await managerPages(managerApi, employeeApi)).filter((s) => ["dashboard", "person", "reviews"].includes(s.name));
  await page.goto("/manager/dashboard");
  await expect(page.locator("html")).toHaveClass(/dark/);
  await photograph(page, shots, "en", "dark");
});
