// token:create against a real database made the process database: the last stdout line is a token
// the API accepts, and a wrong email, a deactivated user or a scope above the role exit 1.
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import { type Database, type Db } from "../../db/client";
import { auditLog, entities, users, type UserRole } from "../../db/schema";
import { principalFromToken } from "../../lib/auth/principal";
import { createTestDatabase } from "../../test/db";
import { releaseProcessDatabase, installTestProcessDatabase } from "../../test/use-database";
import { tokenCreate } from "./token";

let database: Database;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(async () => {
  releaseProcessDatabase();
  await database.close();
});

let stdout: string[];
let stderr: string[];
let logSpy: MockInstance<typeof console.log>;
let errorSpy: MockInstance<typeof console.error>;
beforeEach(() => {
  // tokenCreate ends with closeDatabase(), which forgets the process database: install it per test.
  installTestProcessDatabase(database);
  stdout = [];
  stderr = [];
  logSpy = vi.spyOn(console, "log").mockImplementation((...parts: unknown[]) => void stdout.push(parts.map(String).join(" ")));
  errorSpy = vi.spyOn(console, "error").mockImplementation((...parts: unknown[]) => void stderr.push(parts.map(String).join(" ")));
});
afterEach(() => {
  logSpy.mockRestore();
  errorSpy.mockRestore();
});

let serial = 0;
const unique = (prefix: string) => `${prefix}-${++serial}`;

async function createUser(role: UserRole = "employee", isActive = true) {
  const [entity] = await db.insert(entities).values({ name: unique("Entity") }).returning();
  if (!entity) throw new Error("no entity");
  await db.update(entities).set({ path: `/${entity.id}/` }).where(eq(entities.id, entity.id));
  const [user] = await db
    .insert(users)
    .values({ email: `${unique("User")}@Test.local`, name: unique("User"), entityId: entity.id, role, isActive })
    .returning();
  if (!user) throw new Error("no user");
  return user;
}

/** The last stdout line, checked by principalFromToken (which needs the process database again). */
async function principalOfPrintedToken() {
  const token = stdout.join("\n").trimEnd().split("\n").at(-1) ?? "";
  installTestProcessDatabase(database);
  return { token, principal: await principalFromToken(db, token) };
}

describe("token:create", () => {
  it("prints a working token alone as the last line, read+write by default, found by email in any case", async () => {
    const user = await createUser();
    const code = await tokenCreate(["--email", user.email.toUpperCase(), "--name", "ci"]);

    expect(code).toBe(0);
    const { token, principal } = await principalOfPrintedToken();
    expect(token).toMatch(/^gwt_[A-Za-z0-9_-]{43}$/);
    expect(principal).toMatchObject({ userId: user.id, via: "token", scopes: ["read", "write"] });
    expect(stderr.join("\n")).toContain(user.email);
    expect(stderr.join("\n")).not.toContain(token);
    // The CLI-made token is audited as made by its owner.
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.tableName, "api_tokens"), eq(auditLog.rowKey, String(principal.tokenId))));
    expect(audit).toMatchObject({ tableName: "api_tokens", action: "insert", actorId: user.id });
  });

  it("gives an admin the admin scope and an expiry when asked", async () => {
    const admin = await createUser("admin");
    const code = await tokenCreate(["--email", admin.email, "--name", "ops", "--scopes", "admin,read", "--expires-days", "7"]);

    expect(code).toBe(0);
    const { principal } = await principalOfPrintedToken();
    expect(principal.scopes).toEqual(["read", "admin"]);
  });

  it("exits 1 without printing a token for an unknown email, a deactivated user or admin scope for a non-admin", async () => {
    const inactive = await createUser("employee", false);
    const manager = await createUser("manager");
    const cases = [
      ["--email", "nobody@test.local", "--name", "x"],
      ["--email", inactive.email, "--name", "x"],
      ["--email", manager.email, "--name", "x", "--scopes", "admin"],
    ];
    for (const args of cases) {
      installTestProcessDatabase(database);
      expect(await tokenCreate(args)).toBe(1);
    }
    expect(stdout).toEqual([]);
    expect(stderr).toHaveLength(cases.length);
  });

  it("exits 2 on a malformed command line", async () => {
    expect(await tokenCreate(["--name", "no email"])).toBe(2);
    expect(await tokenCreate(["--email", "a@test.local", "--name", "x", "--scopes", "root"])).toBe(2);
    expect(await tokenCreate(["--email", "a@test.local", "--name", "x", "--expires-days", "0"])).toBe(2);
    expect(await tokenCreate(["--email", "a@test.local", "--name", "x", "--bogus"])).toBe(2);
    expect(stdout).toEqual([]);
  });
});
