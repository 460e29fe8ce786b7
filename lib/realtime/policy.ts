// Who may receive which live event: the same rules as the REST reads. A subscription to a topic
// is authorized like reading that user, project, entity or team; every event is then checked
// again against what the principal may see before it is sent.
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { entities, projects, users } from "../../db/schema";
import type { Principal } from "../auth/principal";
import { subtreeEntityIds, visibleEntities, visibleUsers } from "../auth/scope";
import { visibleProjects } from "../projects/scope";
import type { FeedEvent } from "./feed";

export const TOPIC_KINDS = ["user", "project", "entity", "team"] as const;
export type TopicKind = (typeof TOPIC_KINDS)[number];
export type Topic = { kind: TopicKind; id: number; name: string };

/** "project:12" → a topic; null for anything else. */
export function parseTopic(name: unknown): Topic | null {
  if (typeof name !== "string") return null;
  const match = /^(user|project|entity|team):([1-9][0-9]{0,9})$/.exec(name);
  if (!match) return null;
  const id = Number(match[2]);
  return Number.isSafeInteger(id) && id <= 2_147_483_647 ? { kind: match[1] as TopicKind, id, name } : null;
}

/** What the principal may see, loaded once per connection and refreshed periodically. */
export type Audience = { principal: Principal; subtree: ReadonlySet<number>; reports: ReadonlySet<number> };

export async function loadAudience(db: DbOrTx, principal: Principal): Promise<Audience> {
  if (principal.role === "employee") return { principal, subtree: new Set(), reports: new Set() };
  const [subtree, reports] = await Promise.all([
    db.select({ id: entities.id }).from(entities).where(sql`${entities.id} in ${subtreeEntityIds(principal)}`),
    principal.role === "manager" ? db.select({ id: users.id }).from(users).where(eq(users.managerId, principal.userId)) : Promise.resolve([]),
  ]);
  return { principal, subtree: new Set(subtree.map((r) => r.id)), reports: new Set(reports.map((r) => r.id)) };
}

/** The event is about something the principal may read (their own work, their subtree, their reports). */
export function mayReceive(audience: Audience, event: FeedEvent): boolean {
  const { principal } = audience;
  if (event.userId !== null && event.userId === principal.userId) return true;
  if (principal.role === "employee") return false;
  if (event.entityId !== null && audience.subtree.has(event.entityId)) return true;
  return principal.role === "manager" && event.userId !== null && audience.reports.has(event.userId);
}

/** An authorized subscription: how it matches live events, and the same as SQL for catch-up. */
export type Subscription = { topic: Topic; matches: (event: FeedEvent) => boolean; where: SQL };

const idList = (ids: ReadonlySet<number>): SQL =>
  ids.size ? sql.join([...ids].map((id) => sql`${id}`), sql`, `) : sql`null`;

/** The subscription, or null when the principal may not read the topic (answered like a 404). */
export async function authorizeTopic(db: DbOrTx, principal: Principal, topic: Topic): Promise<Subscription | null> {
  switch (topic.kind) {
    case "user": {
      const [row] = await db.select({ id: users.id }).from(users).where(and(eq(users.id, topic.id), visibleUsers(principal))).limit(1);
      if (!row) return null;
      return { topic, matches: (e) => e.userId === topic.id, where: sql`e.user_id = ${topic.id}` };
    }
    case "project": {
      const [row] = await db.select({ id: projects.id }).from(projects).where(and(eq(projects.id, topic.id), visibleProjects(principal))).limit(1);
      if (!row) return null;
      return { topic, matches: (e) => e.projectId === topic.id, where: sql`e.project_id = ${topic.id}` };
    }
    case "entity": {
      if (principal.role === "employee") return null;
      const [root] = await db.select({ path: entities.path }).from(entities).where(and(eq(entities.id, topic.id), visibleEntities(principal))).limit(1);
      if (!root) return null;
      const rows = await db.select({ id: entities.id }).from(entities).where(sql`${entities.path} like ${`${root.path}%`}`);
      const ids = new Set(rows.map((r) => r.id));
      return { topic, matches: (e) => e.entityId !== null && ids.has(e.entityId), where: sql`e.entity_id in (${idList(ids)})` };
    }
    case "team": {
      // A team is a manager's direct reports: the manager's own, or one an admin oversees.
      if (principal.role === "employee") return null;
      if (topic.id !== principal.userId) {
        if (principal.role !== "admin") return null;
        const [manager] = await db.select({ id: users.id }).from(users).where(and(eq(users.id, topic.id), visibleUsers(principal))).limit(1);
        if (!manager) return null;
      }
      const rows = await db.select({ id: users.id }).from(users).where(eq(users.managerId, topic.id));
      const ids = new Set(rows.map((r) => r.id));
      return { topic, matches: (e) => e.userId !== null && ids.has(e.userId), where: sql`e.user_id in (${idList(ids)})` };
    }
  }
}

/** Several topics at once; unknown or refused ones are listed, not fatal. */
export async function authorizeTopics(db: DbOrTx, principal: Principal, names: readonly unknown[]) {
  const granted: Subscription[] = [];
  const refused: { topic: string; reason: "invalid" | "not_found" }[] = [];
  for (const name of names) {
    const topic = parseTopic(name);
    if (!topic) {
      refused.push({ topic: String(name).slice(0, 100), reason: "invalid" });
      continue;
    }
    const subscription = await authorizeTopic(db, principal, topic);
    if (subscription) granted.push(subscription);
    else refused.push({ topic: topic.name, reason: "not_found" });
  }
  return { granted, refused };
}

/** Users in `ids` that still exist and are active (for refreshing a connection's principal). */
export async function activeUserIds(db: DbOrTx, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: users.id }).from(users).where(and(inArray(users.id, ids), eq(users.isActive, true)));
  return new Set(rows.map((r) => r.id));
}
