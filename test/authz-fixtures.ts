// Fixtures of the authorization walker (test/authz-walker.test.ts): one organisation C with
// departments A (and an empty team A1 below it) and B, a second organisation D, the people the
// walker calls as, and the rows it aims at (the onboarding engine's in authz-engine-fixtures.ts).
// Every name and email carries a random marker, so a response can be searched for rows it must not
// show. The placement snapshot says where each row sits now, since permitted writes (moves,
// deletions) change it while the walk goes on.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { apiTokens, entities, professions, type TokenScope, users, type UserRole } from "../db/schema";
import { createApiToken } from "../lib/auth/tokens";
import { type EngineFixtures, type EnginePlacement, engineMarkers, loadEnginePlacement, seedEngineFixtures } from "./authz-engine-fixtures";

export type FixtureEntity = { id: number; name: string; path: string };

export type FixtureUser = {
  id: number;
  email: string;
  role: UserRole;
  entityId: number;
  entityPath: string;
  managerId: number | null;
  /** The bearer token the walker sends as this user (null for users it never calls as). */
  token: string | null;
  scopes: TokenScope[];
  /** A read-only token of the same user (adminA's only): what the user's role allows, narrowed to reads. */
  readOnlyToken: string | null;
  /** A second token of the user: the row /api/tokens/[id] aims at, so revoking it keeps `token` working. */
  targetTokenId: number;
};

export type FixtureProfession = { id: number; name: string; entityId: number; entityPath: string };

export const CALLER_KEYS = ["employee1", "employee2", "managerB", "managerA", "adminA", "adminC"] as const;
export type CallerKey = (typeof CALLER_KEYS)[number];

export type AuthzFixtures = {
  entities: { C: FixtureEntity; A: FixtureEntity; A1: FixtureEntity; B: FixtureEntity; D: FixtureEntity };
  users: Record<CallerKey | "employeeB" | "userD", FixtureUser>;
  professions: { A: FixtureProfession; B: FixtureProfession; D: FixtureProfession };
  engine: EngineFixtures;
};

const marker = () => randomBytes(5).toString("hex");

async function insertEntity(db: Db, label: string, parent: FixtureEntity | null, rootId: number | null): Promise<FixtureEntity> {
  const name = `${label} ${marker()}`;
  const [row] = await db.insert(entities).values({ name, parentId: parent?.id ?? null }).returning({ id: entities.id });
  if (!row) throw new Error(`entity ${label} was not inserted`);
  const path = `${parent?.path ?? "/"}${row.id}/`;
  await db
    .update(entities)
    .set({ path, rootId: rootId ?? row.id })
    .where(eq(entities.id, row.id));
  return { id: row.id, name, path };
}

async function insertUser(
  db: Db,
  label: string,
  role: UserRole,
  entity: FixtureEntity,
  options: { managerId?: number; caller: boolean; readOnly?: boolean },
): Promise<FixtureUser> {
  const email = `${label.toLowerCase()}-${marker()}@authz.test`;
  const [row] = await db
    .insert(users)
    .values({ email, name: `${label} ${marker()}`, role, entityId: entity.id, managerId: options.managerId ?? null })
    .returning({ id: users.id });
  if (!row) throw new Error(`user ${label} was not inserted`);
  const scopes: TokenScope[] = role === "admin" ? ["read", "write", "admin"] : ["read", "write"];
  // Token names carry the owner's email, so a token list that leaks another user's tokens shows it.
  const mint = async (name: string, tokenScopes: TokenScope[]) =>
    options.caller ? (await createApiToken(db, { systemUserId: row.id }, { name: `${name} ${email}`, scopes: tokenScopes })).token : null;
  const token = await mint("walker", scopes);
  const readOnlyToken = options.readOnly ? await mint("read-only", ["read"]) : null;
  const target = await createApiToken(db, { systemUserId: row.id }, { name: `target ${email}`, scopes: ["read"] });
  return {
    id: row.id,
    email,
    role,
    entityId: entity.id,
    entityPath: entity.path,
    managerId: options.managerId ?? null,
    token,
    scopes,
    readOnlyToken,
    targetTokenId: target.record.id,
  };
}

async function insertProfession(db: Db, entity: FixtureEntity): Promise<FixtureProfession> {
  const name = `Profession ${marker()}`;
  const [row] = await db.insert(professions).values({ name, entityId: entity.id }).returning({ id: professions.id });
  if (!row) throw new Error("profession was not inserted");
  return { id: row.id, name, entityId: entity.id, entityPath: entity.path };
}

/** A fresh, independent set of fixtures: every call builds new organisations. */
export async function seedAuthzFixtures(db: Db): Promise<AuthzFixtures> {
  const C = await insertEntity(db, "Company C", null, null);
  const A = await insertEntity(db, "Department A", C, C.id);
  const A1 = await insertEntity(db, "Team A1", A, C.id);
  const B = await insertEntity(db, "Department B", C, C.id);
  const D = await insertEntity(db, "Company D", null, null);

  const adminC = await insertUser(db, "adminC", "admin", C, { caller: true });
  const adminA = await insertUser(db, "adminA", "admin", A, { caller: true, readOnly: true });
  const managerA = await insertUser(db, "managerA", "manager", A, { caller: true });
  const employee1 = await insertUser(db, "employee1", "employee", A, { caller: true, managerId: managerA.id });
  const employee2 = await insertUser(db, "employee2", "employee", A, { caller: true });
  const managerB = await insertUser(db, "managerB", "manager", B, { caller: true });
  const employeeB = await insertUser(db, "employeeB", "employee", B, { caller: false, managerId: managerB.id });
  const userD = await insertUser(db, "userD", "employee", D, { caller: false });

  return {
    entities: { C, A, A1, B, D },
    users: { adminC, adminA, managerA, employee1, employee2, managerB, employeeB, userD },
    professions: { A: await insertProfession(db, A), B: await insertProfession(db, B), D: await insertProfession(db, D) },
    engine: await seedEngineFixtures(db, { A: A.id, B: B.id, C: C.id, D: D.id }, { employee1, employee2, employeeB, userD }),
  };
}

/** Every marker of a fixture set: what no caller of a later, separate fixture set may ever see. */
export function markersOf(fx: AuthzFixtures): string[] {
  return [
    ...Object.values(fx.users).map((u) => u.email),
    ...Object.values(fx.entities).map((e) => e.name),
    ...Object.values(fx.professions).map((p) => p.name),
    ...engineMarkers(fx.engine),
  ];
}

/** Where every row sits at one moment: entity paths, users' entity and manager, owners of rows. */
export type Placement = {
  entityPath: ReadonlyMap<number, string>;
  user: ReadonlyMap<number, { entityId: number; managerId: number | null }>;
  professionEntity: ReadonlyMap<number, number | null>;
  tokenOwner: ReadonlyMap<number, number>;
  engine: EnginePlacement;
};

export async function loadPlacement(db: Db): Promise<Placement> {
  const entityRows = await db.select({ id: entities.id, path: entities.path }).from(entities);
  const userRows = await db.select({ id: users.id, entityId: users.entityId, managerId: users.managerId }).from(users);
  const professionRows = await db.select({ id: professions.id, entityId: professions.entityId }).from(professions);
  const tokenRows = await db.select({ id: apiTokens.id, userId: apiTokens.userId }).from(apiTokens);
  return {
    entityPath: new Map(entityRows.map((r) => [r.id, r.path])),
    user: new Map(userRows.map((r) => [r.id, { entityId: r.entityId, managerId: r.managerId }])),
    professionEntity: new Map(professionRows.map((r) => [r.id, r.entityId])),
    tokenOwner: new Map(tokenRows.map((r) => [r.id, r.userId])),
    engine: await loadEnginePlacement(db),
  };
}
