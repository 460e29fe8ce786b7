// A database that is away is answered 503 problem+json with Retry-After, never 500 and never a
// hang: the failures that mean "away" are told apart from those that mean a bad request or a bug.
import { DrizzleQueryError } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openPglite } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import { createTestDatabase } from "../../test/db";
import { createEntity, createUser, unique } from "../../test/factories";
import { installTestProcessDatabase, releaseProcessDatabase } from "../../test/use-database";
import { GET as getMe } from "../../app/api/me/route";
import { defineRoute } from "../api/handler";
import { isDatabaseUnavailable, toApiError } from "../api/errors";
import { createApiToken } from "../auth/tokens";

const pgError = (code: string, message = "database error") => Object.assign(new Error(message), { code, severity: "FATAL" });
const wrapped = (cause: unknown) => new DrizzleQueryError("select 1", [], cause as Error);

describe("isDatabaseUnavailable", () => {
  const away: [string, unknown][] = [
    ["a refused connection", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })],
    ["a refused connection to every address of the host", new AggregateError([Object.assign(new Error("connect ECONNREFUSED ::1:5432"), { code: "ECONNREFUSED" })])],
    ["a connection reset", Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" })],
    ["the pool's connect timeout", new Error("timeout exceeded when trying to connect")],
    ["a connection lost mid-query", new Error("Connection terminated unexpectedly")],
    ["the client-side query timeout", new Error("Query read timeout")],
    ["an administrator's shutdown (57P01)", pgError("57P01", "terminating connection due to administrator command")],
    ["a database starting up (57P03)", pgError("57P03", "the database system is starting up")],
    ["a connection failure (08006)", pgError("08006")],
    ["too many connections (53300)", pgError("53300")],
    ["a statement timeout (57014)", pgError("57014", "canceling statement due to statement timeout")],
    ["a database closed to connections", pgError("55000", 'database "x" is not currently accepting connections')],
    ["a closed embedded database", new Error("PGlite is closed")],
    ["any of these wrapped by Drizzle", wrapped(new Error("Connection terminated unexpectedly"))],
  ];
  it.each(away)("recognises %s, answered 503 with Retry-After", (_what, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
    const apiError = toApiError(err);
    expect(apiError.status).toBe(503);
    expect(apiError.code).toBe("service_unavailable");
    expect(apiError.headers?.["retry-after"]).toBe("5");
  });

  const notAway: [string, unknown, number][] = [
    ["a unique violation", wrapped(pgError("23505")), 409],
    ["a foreign key violation", wrapped(pgError("23503")), 422],
    ["a serialization failure", wrapped(pgError("40001")), 409],
    ["a syntax error (a bug)", wrapped(pgError("42601")), 500],
    ["a plain bug", new TypeError("Cannot read properties of undefined"), 500],
    // The values a user typed are in Drizzle's message, not a diagnosis.
    ["a failed query whose values mention a lost connection", new DrizzleQueryError("insert", ["Connection terminated unexpectedly"], pgError("23505")), 409],
  ];
  it.each(notAway)("does not mistake %s for an outage", (_what, err, status) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
    expect(toApiError(err).status).toBe(status);
  });
});

describe("a route while the database is away", () => {
  it("answers 503 problem+json with Retry-After when the handler's query fails to connect", async () => {
    const route = defineRoute({
      permission: null,
      auth: false,
      handler: () => Promise.reject(wrapped(Object.assign(new Error("connect ECONNREFUSED 10.0.0.9:5432"), { code: "ECONNREFUSED" }))),
    });
    const response = await route(new Request("http://localhost/api/x"), { params: Promise.resolve({}) });
    expect(response.status).toBe(503);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toMatchObject({ status: 503, code: "service_unavailable", retry_after_seconds: 5 });
  });

  describe("with the process database closed underneath", () => {
    let working: Database;
    let closing: Database;
    let token: string;

    beforeAll(async () => {
      working = await createTestDatabase();
      const entity = await createEntity(working.db);
      const user = await createUser(working.db, entity);
      token = (await createApiToken(working.db, { systemUserId: user.id }, { name: unique("away"), scopes: ["read"] })).token;
      closing = await openPglite(undefined);
      await migrateDatabase(closing);
    });
    afterAll(async () => {
      releaseProcessDatabase();
      await working.close();
    });

    const me = () => getMe(new Request("http://localhost/api/me", { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({}) });

    it("answers a real route 503 instead of failing, and 200 again once a database is back", async () => {
      installTestProcessDatabase(closing);
      await closing.close();
      const away = await me();
      expect(away.status).toBe(503);
      expect(away.headers.get("retry-after")).toBe("5");

      installTestProcessDatabase(working);
      expect((await me()).status).toBe(200);
    });
  });
});
