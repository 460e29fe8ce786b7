// The world of test/version-conflicts.http.test.ts: server.ts (production build) on a database of
// its own — an embedded PGlite folder, or a new PostgreSQL database when DATABASE_URL is set — with
// an organisation, two started tasks (one with a one-item checklist), one API token per client of
// the manager who oversees them, and an admin token to read the audit log.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Database, openPglite, openPostgres } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { ensureReferenceData } from "../db/reference-data";
import { createApiToken, MAX_ACTIVE_TOKENS_PER_USER } from "../lib/auth/tokens";
import { generateKeyEntry } from "../lib/crypto/keyring";
import { checklistsOf, itemsOf, startProgram } from "../lib/progress/test-program";
import { checklistStep, createOrganisation } from "./factories";
import { childEnv, ensureProductionBuild, freePort, type RunningServer, startServer } from "./http-server";
import { adminUrl, databaseUrlFor } from "./pg-urls";

export type VersionWorld = {
  server: RunningServer;
  /** One API token (read, write) of the manager per client. */
  clientTokens: string[];
  /** An admin token (admin scope): the audit log is read with it. */
  auditToken: string;
  /** The task whose description the clients edit. */
  taskId: number;
  /** The checklist item the clients move, on another task. */
  checklistId: number;
  itemId: number;
  close: () => Promise<void>;
};

type Target = { database: Database; env: NodeJS.ProcessEnv; drop: () => Promise<void> };

/** A new database for the server: a PGlite folder under `folder`, or a PostgreSQL database next to DATABASE_URL's. */
async function openTarget(folder: string): Promise<Target> {
  const base = process.env.DATABASE_URL;
  const serverEnv = { NODE_ENV: "production", GROUNDWORK_AUTO_SEED: "0" };
  if (!base) {
    const pgliteDir = path.join(folder, "pglite");
    return { database: await openPglite(pgliteDir), env: childEnv(pgliteDir, serverEnv), drop: () => Promise.resolve() };
  }
  const name = `gw_versions_${process.pid}_${Date.now().toString(36)}`;
  const admin = await openPostgres(adminUrl(base), { max: 1 });
  try {
    await admin.exec(`create database "${name}"`);
  } finally {
    await admin.close();
  }
  const url = databaseUrlFor(base, name);
  const env = childEnv(path.join(folder, "unused-pglite"), {
    ...serverEnv,
    DATABASE_URL: url,
    NEXTAUTH_SECRET: randomBytes(48).toString("base64url"),
    GROUNDWORK_ENCRYPTION_KEYS: generateKeyEntry("versions"),
  });
  const drop = async () => {
    const cleanup = await openPostgres(adminUrl(base), { max: 1 });
    try {
      await cleanup.exec(`drop database if exists "${name}" with (force)`);
    } finally {
      await cleanup.close();
    }
  };
  return { database: await openPostgres(url, { max: 2 }), env, drop };
}

export async function startVersionWorld(clients: number): Promise<VersionWorld> {
  if (clients > MAX_ACTIVE_TOKENS_PER_USER) throw new Error(`one user holds at most ${MAX_ACTIVE_TOKENS_PER_USER} tokens`);
  await ensureProductionBuild();
  const folder = mkdtempSync(path.join(os.tmpdir(), "groundwork-versions-"));
  let target: Target | undefined;
  let server: RunningServer | undefined;
  try {
    target = await openTarget(folder);
    const { database } = target;
    await migrateDatabase(database);
    await ensureReferenceData(database.db);
    // Written before the server starts: PGlite allows one process per folder.
    const org = await createOrganisation(database.db);
    const program = await startProgram(database.db, org.employee.user, {
      milestones: [
        {
          name: "Week 1",
          offset: 0,
          duration: 5,
          tasks: [
            { name: "Edited", steps: [checklistStep("parallel", ["Unused"])] },
            { name: "Toggled", steps: [checklistStep("parallel", ["Counter"])] },
          ],
        },
      ],
    });
    const [checklist] = await checklistsOf(database.db, program.taskId("Toggled"));
    const [item] = checklist ? await itemsOf(database.db, checklist.id) : [];
    if (!checklist || !item) throw new Error("the started program has no checklist item");
    const clientTokens: string[] = [];
    for (let i = 0; i < clients; i++) {
      const created = await createApiToken(database.db, { systemUserId: org.manager.user.id }, { name: `client ${i}`, scopes: ["read", "write"] });
      clientTokens.push(created.token);
    }
    const auditToken = (await createApiToken(database.db, { systemUserId: org.admin.user.id }, { name: "audit", scopes: ["admin"] })).token;
    await database.close();

    server = await startServer({ env: target.env, port: await freePort(), readyTimeoutMs: 180_000 });
    const running = server;
    const drop = target.drop;
    return {
      server: running,
      clientTokens,
      auditToken,
      taskId: program.taskId("Edited"),
      checklistId: checklist.id,
      itemId: item.id,
      close: async () => {
        try {
          await running.stop();
          await drop();
        } finally {
          rmSync(folder, { recursive: true, force: true });
        }
      },
    };
  } catch (err) {
    await server?.stop();
    await target?.database.close().catch(() => undefined);
    await target?.drop();
    rmSync(folder, { recursive: true, force: true });
    throw err;
  }
}
