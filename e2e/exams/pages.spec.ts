// The exam and submission pages in English and German, on a desktop and a phone (and the attempt
// in dark mode), are photographed to e2e/screenshots/ for a person to look at, and each state
// passes axe without a serious or critical violation (support/screenshots.ts says on which viewports).
import type { APIRequestContext, Page } from "@playwright/test";
import { apiJson } from "../support/auth";
import { assignTemplateTask } from "../support/arrange";
import { expect, test } from "../support/fixtures";
import { checkAndPhotograph } from "../support/screenshots";
import { ExamPage, SECURITY_EXAM as E, stepIdOf } from "./exam-page";

type Lang = "en" | "de";

async function shoot(page: Page, name: string, lang: Lang, scheme?: "dark") {
  await checkAndPhotograph(page, { role: "employee", page: name, lang, scheme });
}

async function photographExam(page: Page, employeeApi: APIRequestContext, managerApi: APIRequestContext, lang: Lang) {
  const task = await assignTemplateTask(managerApi, employeeApi, E.template);
  const exam = new ExamPage(page);
  await exam.goto(task.id, stepIdOf(task, E.step));
  await expect(page.getByTestId("exam-intro")).toBeVisible();
  await shoot(page, "exam-intro", lang);

  await page.getByTestId("exam-start").click();
  await expect(page.getByTestId("exam-attempt")).toBeVisible();
  await exam.choose(E.phishing.prompt, E.phishing.right);
  await exam.choose(E.secrets.prompt, E.secrets.right[0]);
  await exam.type(E.gdpr.prompt, E.gdpr.right);
  await shoot(page, "exam-attempt", lang);

  await page.getByTestId("exam-submit").click();
  await page.getByTestId("exam-confirm-submit").click();
  await expect(exam.result()).toBeVisible();
  await shoot(page, "exam-result", lang);

  // Back on the page later: the graded attempt above the exam's outline and history.
  await page.reload();
  await expect(page.getByTestId("exam-result-attempt")).toBeVisible();
  await expect(page.getByTestId("exam-intro")).toBeVisible();
  await shoot(page, "exam-result-later", lang);
}

async function photographSubmission(page: Page, employeeApi: APIRequestContext, managerApi: APIRequestContext, lang: Lang) {
  const task = await assignTemplateTask(managerApi, employeeApi, "Write a short design note");
  await page.goto(`/tasks/${task.id}/steps/${stepIdOf(task, "Design note")}`);
  await expect(page.locator("#submission-body")).toBeVisible();
  await shoot(page, "submission-form", lang);

  await page.locator("#submission-body").fill("Problem, options and the decision, on one page.");
  await page.locator("#submission-url").fill("https://docs.example.com/design-note");
  await page.locator("form button[type=submit]").click();
  await expect(page.getByTestId("submission-state")).toHaveAttribute("data-state", "submitted");
  const queue = await apiJson<{ items: { id: number }[] }>(managerApi, "GET", `/api/submissions?task_id=${task.id}&reviewable=true&state=submitted`);
  const id = queue.items[0]?.id;
  if (id === undefined) throw new Error("the hand-in is not in the manager's queue");
  await apiJson(managerApi, "POST", `/api/submissions/${id}/review`, { decision: "accept", score: 0.85, technical_rating: 4, public_feedback: "Clear and well argued." });
  await expect(page.getByTestId("submission-state")).toHaveAttribute("data-state", "reviewed");
  await shoot(page, "submission-reviewed", lang);
}

// Several states per language, each checked and photographed on two viewports.
test.describe.configure({ mode: "serial", timeout: 300_000 });

test("exam and submission pages in English pass axe and are photographed", async ({ employeePage: page, employeeApi, managerApi }) => {
  await apiJson(employeeApi, "PATCH", "/api/me", { language: "en" });
  await photographExam(page, employeeApi, managerApi, "en");
  await photographSubmission(page, employeeApi, managerApi, "en");
});

test("exam and submission pages in German pass axe and are photographed", async ({ employeePage: page, employeeApi, managerApi }) => {
  await apiJson(employeeApi, "PATCH", "/api/me", { language: "de" });
  try {
    await photographExam(page, employeeApi, managerApi, "de");
    await expect(page.getByTestId("exam-result")).toContainText("Deine Antworten");
    await photographSubmission(page, employeeApi, managerApi, "de");
  } finally {
    await apiJson(employeeApi, "PATCH", "/api/me", { language: "en" });
  }
});

test("an exam attempt in dark mode passes axe and is photographed", async ({ employeePage: page, employeeApi, managerApi, baseURL }) => {
  await page.context().addCookies([{ name: "gw-theme", value: "dark", url: baseURL ?? "" }]);
  const task = await assignTemplateTask(managerApi, employeeApi, E.template);
  const exam = new ExamPage(page);
  await exam.goto(task.id, stepIdOf(task, E.step));
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.getByTestId("exam-start").click();
  await exam.choose(E.laptop.prompt, E.laptop.right);
  await shoot(page, "exam-attempt", "en", "dark");
});
