// The team dashboard with the demo team: scores with their formulas, a sortable table, charts drawn
// from data (their SVG holds marks, not just an empty frame), another team picked by unit, and the
// drill-down team → person → task.
import type { Locator } from "@playwright/test";
import { apiJson } from "../support/auth";
import { expect, test } from "../support/fixtures";

type Team = { members: { items: { user: { id: number; name: string }; counters: { overdue_tasks: number } }[] } };

/** Drawn marks of a chart: bars with a shape, radar polygons with a path. */
async function expectMarks(chart: Locator, selector: string) {
  await expect(chart.locator("svg.recharts-surface").first()).toBeVisible();
  await expect.poll(() => chart.locator(selector).count()).toBeGreaterThan(0);
}

test("the dashboard shows the manager's team with scores, formulas and charts drawn from data", async ({ managerPage: page, managerApi }) => {
  const team = await apiJson<Team>(managerApi, "GET", "/api/scores/team?limit=500");
  const late = team.members.items.filter((m) => m.counters.overdue_tasks > 0).map((m) => m.user.name);
  // The demo team has overdue work (Hannah Lindqvist's); the chart names exactly those who have some.
  expect(late.length).toBeGreaterThan(0);

  await page.goto("/manager/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: "Team dashboard" })).toBeVisible();
  await expect(page.getByTestId("team-description")).toHaveText("Direct reports of Marcus Chen");
  const table = page.getByTestId("team-table");
  await expect(table.getByRole("link", { name: "Emily Carter" })).toBeVisible();
  await expect(page.getByTestId("score-formulas")).toContainText("completed tasks / assigned tasks");
  await expect(page.getByTestId("score-formulas")).toContainText("mean reviewer technical rating (1–5)");
  await expect(table.getByRole("button", { name: "Completion" })).toHaveAttribute("title", "completed tasks / assigned tasks");

  await expectMarks(page.getByTestId("chart-trend"), ".recharts-bar-rectangle path");
  await expectMarks(page.getByTestId("chart-profile"), ".recharts-radar-polygon path");
  await expectMarks(page.getByTestId("chart-levels"), ".recharts-bar-rectangle path");
  await expectMarks(page.getByTestId("chart-overdue"), ".recharts-bar-rectangle path");
  for (const name of late) await expect(page.getByTestId("chart-overdue").locator("svg.recharts-surface")).toContainText(name);

  // Sorting by completion puts the rows in the API's order for the same sort.
  await table.getByRole("button", { name: "Completion" }).click();
  await expect(table.locator("th", { has: page.getByRole("button", { name: "Completion" }) })).toHaveAttribute("aria-sort", "descending");
  const sorted = await apiJson<Team>(managerApi, "GET", "/api/scores/team?sort=completion&order=desc&limit=500");
  await expect(table.locator("tbody th")).toHaveText(sorted.members.items.map((m) => m.user.name));
});

test("the drill-down goes from the team to a person and on to an overdue task", async ({ managerPage: page, managerApi }) => {
  const team = await apiJson<Team>(managerApi, "GET", "/api/scores/team?sort=overdue_tasks&order=desc&limit=500");
  const person = team.members.items[0];
  if (!person || person.counters.overdue_tasks === 0) throw new Error("nobody in the demo team has overdue work");

  await page.goto("/manager/dashboard");
  await page.getByTestId("team-table").getByRole("link", { name: person.user.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: person.user.name })).toBeVisible();
  // A person's page is one of the people: the navigation marks People, and nothing else.
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "People" })).toHaveAttribute("aria-current", "true");
  await expect(nav.locator("[aria-current]")).toHaveCount(1);
  await expect(page.getByTestId("person-scores")).toContainText("completed tasks / assigned tasks");
  await expect(page.getByTestId("person-level")).toBeVisible();
  await expectMarks(page.getByTestId("chart-person-profile"), ".recharts-radar-polygon path");
  const overdue = page.getByRole("region", { name: `Overdue tasks (${person.counters.overdue_tasks})` });
  const first = overdue.getByRole("link").first();
  const name = await first.innerText();
  await first.click();
  await expect(page).toHaveURL(/\/tasks\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
});

test("another team is picked by unit, and its dashboard draws its charts too", async ({ managerPage: page }) => {
  await page.goto("/manager/dashboard");
  await page.getByLabel("Team", { exact: true }).selectOption({ label: "Engineering" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/entity=\d+/);
  await expect(page.getByTestId("team-description")).toContainText("Everyone in Engineering");
  await expect(page.getByTestId("team-table").getByRole("link", { name: "Marcus Chen" })).toBeVisible();
  await expectMarks(page.getByTestId("chart-trend"), ".recharts-bar-rectangle path");
});
