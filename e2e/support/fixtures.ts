// The test fixture every employee spec uses: a page signed in as the demo employee, and API
// clients signed in as the employee, the manager and the admin to arrange data through the REST API.
import { type APIRequestContext, expect as baseExpect, type Page, test as base } from "@playwright/test";
import { DEMO_USERS, type DemoRole, storeSession } from "./auth";

type Sessions = Record<DemoRole, string>;

type Fixtures = {
  employeePage: Page;
  managerPage: Page;
  employeeApi: APIRequestContext;
  managerApi: APIRequestContext;
  adminApi: APIRequestContext;
};

export const test = base.extend<Fixtures, { sessions: Sessions }>({
  sessions: [
    async ({ playwright: _playwright }, provide, workerInfo) => {
      const baseURL = String(workerInfo.project.use.baseURL);
      const sessions = {} as Sessions;
      for (const role of Object.keys(DEMO_USERS) as DemoRole[]) sessions[role] = await storeSession(baseURL, DEMO_USERS[role], `${role}-${workerInfo.workerIndex}`);
      await provide(sessions);
    },
    { scope: "worker" },
  ],
  employeePage: async ({ browser, sessions, baseURL, viewport }, provide) => {
    const context = await browser.newContext({ baseURL, viewport, storageState: sessions.employee });
    const page = await context.newPage();
    await provide(page);
    await context.close();
  },
  managerPage: async ({ browser, sessions, baseURL, viewport }, provide) => {
    const context = await browser.newContext({ baseURL, viewport, storageState: sessions.manager });
    const page = await context.newPage();
    await provide(page);
    await context.close();
  },
  employeeApi: async ({ playwright, sessions, baseURL }, provide) => {
    const api = await playwright.request.newContext({ baseURL, storageState: sessions.employee });
    await provide(api);
    await api.dispose();
  },
  managerApi: async ({ playwright, sessions, baseURL }, provide) => {
    const api = await playwright.request.newContext({ baseURL, storageState: sessions.manager });
    await provide(api);
    await api.dispose();
  },
  adminApi: async ({ playwright, sessions, baseURL }, provide) => {
    const api = await playwright.request.newContext({ baseURL, storageState: sessions.admin });
    await provide(api);
    await api.dispose();
  },
});

/** Each click here is a server round trip that may cascade up to the project; CI machines are shared. */
export const expect = baseExpect.configure({ timeout: 15_000 });
