// scores:rebuild against a real database made the process database: it corrects a drifted row,
// reports what it did, and refuses arguments it does not know.
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import { type Database, type Db } from "../../db/client";
import { userScores } from "../../db/schema";
import { createEntity, createUser } from "../../test/factories";
import { createTestDatabase } from "../../test/db";
import { installTestProcessDatabase, releaseProcessDatabase } from "../../test/use-database";
import { rebuildScores } from "../../lib/scores/rebuild";
import { scoresRebuild } from "./scores-rebuild";

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
let logSpy: MockInstance<typeof console.log>;
let errorSpy: MockInstance<typeof console.error>;
beforeEach(() => {
  // The command ends with closeDatabase(), which forgets the process database: install it per test.
  installTestProcessDatabase(database);
  stdout = [];
  logSpy = vi.spyOn(console, "log").mockImplementation((...parts: unknown[]) => void stdout.push(parts.map(String).join(" ")));
  errorSpy = vi.spyOn(console, "error").mockImplementation(() => undefined);
});
afterEach(() => {
  logSpy.mockRestore();
  errorSpy.mockRestore();
});

describe("scores:rebuild", () => {
  it("recomputes a drifted row and says how many it corrected", async () => {
    const entity = await createEntity(db);
    const user = await createUser(db, entity);
    await rebuildScores(db, { userIds: [user.id] });
    await db.execute(sql`update user_scores set helped_tasks = 7 where user_id = ${user.id}`);
    expect(await scoresRebuild(["--user", String(user.id)])).toBe(0);
    expect(stdout.at(-1)).toMatch(/scores rebuilt for 1 users .*: 1 rows corrected/);
    const [row] = await db.select().from(userScores).where(eq(userScores.userId, user.id));
    expect(row?.helpedTasks).toBe(0);
  });

  it("exits 2 on an argument it does not know or a bad id", async () => {
    expect(await scoresRebuild(["--everyone"])).toBe(2);
    expect(await scoresRebuild(["--user", "zero"])).toBe(2);
  });
});
