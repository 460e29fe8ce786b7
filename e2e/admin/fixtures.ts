// The admin specs' fixture: the shared one (sessions and API clients of the demo people) plus a
// page signed in as the demo admin.
import type { Page } from "@playwright/test";
import { test as base } from "../support/fixtures";

export const test = base.extend<{ adminPage: Page }>({
  adminPage: async ({ browser, sessions, baseURL, viewport }, provide) => {
    const context = await browser.newContext({ baseURL, viewport, storageState: sessions.admin });
    const page = await context.newPage();
    await provide(page);
    await context.close();
  },
});

export { expect } from "../support/fixtures";
