// Every page is checked with axe: a serious or critical violation fails the spec, with the rule,
// its help text and the offending elements in the failure message.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    // One axe.run in the page itself, instead of a run per frame finished in an extra blank page:
    // the app's own pages have no frames of its origin to walk, and a guide's embedded video is
    // another site's page, which is not ours to check.
    .setLegacyMode(true)
    .analyze();
  const blocking = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = blocking.map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join("\n  ")}`).join("\n");
  expect(blocking, `axe on ${label}:\n${report}`).toEqual([]);
}
