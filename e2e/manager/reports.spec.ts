// Reports in the browser: the form checks the period before sending, a created report opens as
// tables of its snapshot, it is listed with the stored reports, and its CSV downloads.
import { expect, test } from "../support/fixtures";

test("the manager creates a team report, reads its tables and downloads its CSV", async ({ managerPage: page }) => {
  await page.goto("/manager/reports");
  await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();
  const form = page.getByRole("form", { name: "New report" });
  await expect(form.getByLabel("Report on")).toHaveValue("team");
  await expect(form.getByLabel("Whose direct reports")).toContainText("Marcus Chen");

  // A period that ends before it starts is refused by the reports schema, before anything is sent.
  await form.getByLabel("From", { exact: true }).fill("2030-03-31");
  await form.getByLabel("To", { exact: true }).fill("2030-03-01");
  await form.getByRole("button", { name: "Create report" }).click();
  await expect(form.getByText("The period must not end before it starts.")).toBeVisible();
  await expect(page).toHaveURL(/\/manager\/reports$/);

  await form.getByLabel("From", { exact: true }).fill("");
  await form.getByLabel("To", { exact: true }).fill("");
  await form.getByLabel("Exam pass rates").check();
  await form.getByRole("button", { name: "Create report" }).click();
  await expect(page).toHaveURL(/\/manager\/reports\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: "Team: Marcus Chen" })).toBeVisible();
  const summary = page.getByTestId("report-summary");
  await expect(summary).toContainText("Completion");
  await expect(summary).toContainText("completed tasks / assigned tasks");
  await expect(page.getByTestId("report-users")).toContainText("Emily Carter");

  const csv = page.getByTestId("report-csv");
  const href = await csv.getAttribute("href");
  expect(href).toMatch(/^\/api\/reports\/\d+\/csv$/);
  const download = await page.request.get(href ?? "");
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toContain("text/csv");
  expect(await download.text()).toContain("summary");

  const id = /\/manager\/reports\/(\d+)$/.exec(page.url())?.[1];
  await page.getByRole("link", { name: "← Reports" }).click();
  await expect(page.getByTestId(`report-${id}`)).toContainText("Team: Marcus Chen");
});
