// Sessions for the demo people, made once per worker through next-auth's credentials endpoint and
// stored as Playwright storage state: specs start signed in instead of clicking the form each time.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { type APIRequestContext, expect, request } from "@playwright/test";

export const DEMO_PASSWORD = "groundwork-demo";
export const DEMO_USERS = {
  employee: "employee@demo.test",
  manager: "manager@demo.test",
  admin: "admin@demo.test",
} as const;
export type DemoRole = keyof typeof DEMO_USERS;

const STATE_DIR = path.join("test-results", ".auth");

/** Signs in and writes the session to a storage-state file; returns its path. */
export async function storeSession(baseURL: string, email: string, name: string): Promise<string> {
  mkdirSync(STATE_DIR, { recursive: true });
  const context = await request.newContext({ baseURL });
  try {
    const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await context.post("/api/auth/callback/credentials", {
      form: { email, password: DEMO_PASSWORD, csrfToken, json: "true" },
    });
    expect(response.ok(), `sign-in of ${email}`).toBe(true);
    const me = await context.get("/api/me");
    expect(me.status(), `session of ${email}`).toBe(200);
    const file = path.join(STATE_DIR, `${name}.json`);
    await context.storageState({ path: file });
    return file;
  } finally {
    await context.dispose();
  }
}

/** JSON from the API, failing the test with the problem's detail when the call is refused. */
export async function apiJson<T>(api: APIRequestContext, method: "GET" | "POST" | "PATCH", url: string, data?: unknown): Promise<T> {
  const response = await api.fetch(url, { method, data });
  const body = await response.text();
  expect(response.ok(), `${method} ${url} → ${response.status()} ${body}`).toBe(true);
  return JSON.parse(body) as T;
}
