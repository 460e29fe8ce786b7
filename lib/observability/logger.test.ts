// What reaches the log: one line per API request with its id, caller and latency, and never a
// password, token, cookie, authorization header, e-mail address or name, whether it came in a
// header, a body, an answer, an error's message or a field someone logged by mistake.
import { DrizzleQueryError } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { createTestDatabase } from "../../test/db";
import { createEntity, createUser, unique } from "../../test/factories";
import { installTestProcessDatabase, releaseProcessDatabase } from "../../test/use-database";
import { GET as getMe, PATCH as patchMe } from "../../app/api/me/route";
import { POST as createToken } from "../../app/api/tokens/route";
import { defineRoute } from "../api/handler";
import { createApiToken } from "../auth/tokens";
import { captureLogOutput, logger } from "./logger";

let database: Database;
let capture: ReturnType<typeof captureLogOutput>;
let userId: number;
let token: string;
let tokenId: number;

// Values that must never appear in a log line, whatever carries them.
const secrets = {
  name: `Carla ${unique("Loggable")}`,
  email: "",
  password: "Zebra-Quartz-Harbor-9271!",
  cookie: "cookie-value-4f1c2e9b7a6d5e3f",
  bearer: "",
};

beforeAll(async () => {
  database = await createTestDatabase();
  installTestProcessDatabase(database);
  const entity = await createEntity(database.db);
  const user = await createUser(database.db, entity, { role: "admin", name: secrets.name });
  userId = user.id;
  secrets.email = user.email;
  const minted = await createApiToken(database.db, { systemUserId: user.id }, { name: unique("log"), scopes: ["read", "write"] });
  token = minted.token;
  tokenId = minted.record.id;
  secrets.bearer = token;
});
afterAll(async () => {
  releaseProcessDatabase();
  await database.close();
});
afterEach(() => capture.restore());

const context = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });

function request(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  return new Request(`http://localhost${path}`, {
    method: init.method ?? "GET",
    headers: {
      authorization: `Bearer ${token}`,
      cookie: `next-auth.session-token=${secrets.cookie}; theme=dark`,
      "x-request-id": unique("req"),
      ...(init.body === undefined ? {} : { "content-type": "application/json" }),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

type Line = Record<string, unknown>;
const parsed = () => capture.lines().map((line) => JSON.parse(line) as Line);

function expectNoSecrets(text: string) {
  for (const [what, value] of Object.entries(secrets)) {
    expect(value.length, `${what} is set`).toBeGreaterThan(8);
    expect(text, `the log holds the ${what}`).not.toContain(value);
  }
}

describe("request log lines", () => {
  it("writes one line per API request with request id, route pattern, status, latency, user and token ids", async () => {
    capture = captureLogOutput();
    const req = request("/api/me");
    const response = await getMe(req, context());
    expect(response.status).toBe(200);
    // The answer itself names the user: it is what must stay out of the log.
    expect(await response.text()).toContain(secrets.email);

    const lines = parsed().filter((l) => l.msg === "request completed");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: "info",
      request_id: req.headers.get("x-request-id"),
      method: "GET",
      route: "/api/me",
      status: 200,
      user_id: userId,
      token_id: tokenId,
    });
    expect(typeof lines[0]?.latency_ms).toBe("number");
    expectNoSecrets(capture.lines().join("\n"));
  });

  it("logs a request to a route without dynamic segments, which Next calls without params", async () => {
    capture = captureLogOutput();
    const response = await getMe(request("/api/me"), { params: undefined } as unknown as ReturnType<typeof context>);
    expect(response.status).toBe(200);
    expect(parsed().filter((l) => l.msg === "request completed").map((l) => l.route)).toEqual(["/api/me"]);
  });

  it("logs a route by its pattern, not by the ids in its URL", async () => {
    capture = captureLogOutput();
    const { GET: getUser } = await import("../../app/api/users/[id]/route");
    await getUser(request(`/api/users/${userId}`), context({ id: String(userId) }));
    const line = parsed().find((l) => l.msg === "request completed");
    expect(line?.route).toBe("/api/users/[id]");
    expect(JSON.stringify(line)).not.toContain(`/api/users/${userId}`);
  });

  it("keeps bodies out: a password change, a refused one, and a freshly minted token", async () => {
    capture = captureLogOutput("debug");
    const refused = await patchMe(request("/api/me", { method: "PATCH", body: { password: secrets.password, current_password: secrets.password, name: secrets.name } }), context());
    expect(refused.status).toBeGreaterThanOrEqual(400);
    const minted = await createToken(request("/api/tokens", { method: "POST", body: { name: secrets.name, scopes: ["read"] } }), context());
    expect(minted.status).toBe(201);
    const fresh = ((await minted.json()) as { token: string }).token;
    expect(fresh).toMatch(/^gwt_/);

    const text = capture.lines().join("\n");
    expect(parsed().filter((l) => l.msg === "request completed")).toHaveLength(2);
    expectNoSecrets(text);
    expect(text).not.toContain(fresh);
  });

  it("logs a failing request's error with its type and request id, but not the values of the failed query", async () => {
    capture = captureLogOutput();
    const failing = defineRoute({
      permission: "me:read",
      handler: () => {
        // What Drizzle throws when a statement fails: its message lists the bound values.
        throw new DrizzleQueryError("insert into users (email, name, password_hash) values ($1, $2, $3)", [secrets.email, secrets.name, secrets.password], new Error("boom"));
      },
    });
    const req = request("/api/me");
    const response = await failing(req, context());
    expect(response.status).toBe(500);

    const error = parsed().find((l) => l.msg === "request failed");
    expect(error).toMatchObject({ level: "error", request_id: req.headers.get("x-request-id"), route: "/api/me" });
    expect(JSON.stringify(error)).toContain("DrizzleQueryError");
    expect(JSON.stringify(error)).toContain("insert into users");
    expectNoSecrets(capture.lines().join("\n"));
  });
});

describe("the scrubber behind every line", () => {
  it("removes secret and personal fields at any depth, and e-mail addresses and tokens inside text", () => {
    capture = captureLogOutput();
    logger.info(
      {
        headers: { authorization: `Bearer ${secrets.bearer}`, cookie: secrets.cookie, "set-cookie": [`sid=${secrets.cookie}`] },
        user: { email: secrets.email, name: secrets.name, profile: { full_name: secrets.name, password: secrets.password } },
        api_token: secrets.bearer,
        body: { anything: secrets.password },
        note: `sent to ${secrets.email} with ${secrets.bearer}`,
        err: Object.assign(new Error(`login failed for ${secrets.email}`), { detail: `Key (email)=(${secrets.email}) already exists.` }),
      },
      `mail to ${secrets.email} failed`,
    );
    const text = capture.lines().join("\n");
    expectNoSecrets(text);
    expect(text).toContain("[redacted]");
    expect(text).toContain("[email]");
  });

  it("keeps what operations need: ids, routes, statuses, counts and plain messages", () => {
    capture = captureLogOutput();
    logger.info({ user_id: 7, token_id: 3, route: "/api/tasks/[id]", status: 409, in_flight: 2, hostname: "app-1" }, "request completed");
    expect(parsed()[0]).toMatchObject({ user_id: 7, token_id: 3, route: "/api/tasks/[id]", status: 409, in_flight: 2, hostname: "app-1", msg: "request completed" });
  });

  it("writes nothing below the configured level", () => {
    capture = captureLogOutput("warn");
    logger.info({ user_id: 1 }, "not written");
    logger.warn({ user_id: 1 }, "written");
    expect(parsed().map((l) => l.msg)).toEqual(["written"]);
  });
});
