// The demo organisation "Northwind Labs": org tree, people, guides, programs and onboardings in
// flight at different stages, written in one transaction so a failed seed leaves nothing behind.
// Expects an empty database with reference data applied (db/reference-data.ts).
import { sql } from "drizzle-orm";
import { hashPassword } from "../../lib/auth/password";
import { instantiateProgram } from "../../lib/programs/instantiate";
import { rebuildBatch } from "../../lib/scores/rebuild";
import { evaluateSpecializations } from "../../lib/specializations/evaluate";
import { ensureSpecializationLevels } from "../../lib/specializations/levels";
import { type Db, type DbOrTx, queryRows } from "../client";
import {
  entities,
  formats,
  guides,
  guideTranslations,
  languages,
  professions,
  users,
} from "../schema";
import {
  DEMO_ENTITIES,
  DEMO_GUIDES,
  DEMO_PASSWORD,
  DEMO_PEOPLE,
  DEMO_PROFESSIONS,
  DEMO_TIME_ZONE,
  type EntityKey,
  type GuideKey,
  type LanguageCode,
  type ProfessionKey,
} from "./demo-content";
import { advanceOnboardings, type StartedOnboarding } from "./demo-progress";
import { demoPrograms } from "./demo-programs";
import { seedTaskRequests } from "./demo-requests";
import { insertPrograms, type SeededProgram } from "./demo-templates";

const COUNTED_TABLES = [
  "entities", "professions", "specializations", "users", "guides", "guide_translations", "guideables",
  "project_templates", "milestone_templates", "task_templates", "step_templates", "projects", "milestones",
  "tasks", "task_steps", "task_assignee", "tasks_parent_task", "checklists", "checklist_items", "task_results",
  "submissions", "task_request", "task_request_assignee", "guide_acknowledgements", "user_specializations", "user_scores",
] as const;

/** Rows per table after seeding (flat, so `console.table` prints it). */
export type DemoSummary = Record<(typeof COUNTED_TABLES)[number], number>;

type Organisation = {
  entityId: Record<EntityKey, number>;
  professionId: Record<ProfessionKey, number>;
  languageId: Record<LanguageCode, number>;
  userId: (email: string) => number;
  adminId: number;
};

const DAY_MS = 86_400_000;

export async function seedDemo(db: Db, log: (line: string) => void = console.log): Promise<DemoSummary> {
  const started = Date.now();
  const now = new Date();
  // A salt per user, as in production; hashing runs on libuv's pool, so in parallel it stays quick.
  const hashes = await Promise.all(DEMO_PEOPLE.map(() => hashPassword(DEMO_PASSWORD)));
  log(`hashed ${hashes.length} passwords in ${Date.now() - started} ms`);

  await db.transaction(async (tx) => {
    await setAuditTrigger(tx, false);
    const org = await seedOrganisation(tx, hashes, now);
    log(`organisation: ${DEMO_ENTITIES.length} entities, ${DEMO_PROFESSIONS.length} professions, ${DEMO_PEOPLE.length} users`);
    const guideId = await seedGuides(tx, org);
    log(`guides: ${DEMO_GUIDES.length} in en and de`);
    const programs = await insertPrograms(tx, demoPrograms(guideId), {
      entityId: org.entityId,
      professionId: org.professionId,
      guideId,
      adminId: org.adminId,
      publishedAt: new Date(now.getTime() - 120 * DAY_MS),
    });
    log(`programs: ${programs.filter((p) => !p.isDraft).length} published, ${programs.filter((p) => p.isDraft).length} draft`);
    const onboardings = await startOnboardings(tx, org, programs, now);
    log(`onboarding started for ${onboardings.length} employees`);
    const stages = await advanceOnboardings(tx, onboardings, now);
    log(`progress: ${stages.completed} completed, ${stages.inProgress} in progress, ${stages.planned} planned`);
    const requests = await seedTaskRequests(tx, { onboardings, userId: org.userId, now });
    log(`task requests: ${requests}`);
    // The rows above were written directly, not through the services that keep user_scores: one
    // recount by the counters' definition, then the levels the counters unlock (lib/specializations).
    const everyone = (await tx.select({ id: users.id }).from(users).orderBy(users.id)).map((u) => u.id);
    await rebuildBatch(tx, everyone);
    const standings = await evaluateSpecializations(tx, everyone, { emitEvents: false });
    log(`scores: ${everyone.length} people; ${[...standings.values()].flatMap((s) => s.levels.filter((l) => l.unlocked)).length} specialization levels unlocked`);
    await setAuditTrigger(tx, true);
  });

  const summary = await countRows(db);
  log(`demo organisation ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  log(`sign in as admin@demo.test, manager@demo.test or employee@demo.test with "${DEMO_PASSWORD}"`);
  return summary;
}

async function seedOrganisation(tx: DbOrTx, hashes: string[], now: Date): Promise<Organisation> {
  const langs = await tx.select({ id: languages.id, code: languages.code }).from(languages);
  const languageId = { en: findId(langs, "code", "en"), de: findId(langs, "code", "de") };

  const [company, ...departments] = DEMO_ENTITIES;
  if (!company) throw new Error("demo content: no company");
  const [root] = await tx
    .insert(entities)
    .values({
      name: company.name,
      defaultLanguageId: languageId[company.language],
      timeZone: DEMO_TIME_ZONE,
      scoreWeights: { completion: 0.3, help: 0.1, timing: 0.2, quality: 0.25, technical: 0.15 },
    })
    .returning({ id: entities.id });
  if (!root) throw new Error("inserting the company returned no row");
  await tx.update(entities).set({ rootId: root.id, path: `/${root.id}/` }).where(sql`${entities.id} = ${root.id}`);
  const deptRows = await tx
    .insert(entities)
    .values(
      departments.map((d) => ({
        name: d.name,
        parentId: root.id,
        rootId: root.id,
        defaultLanguageId: languageId[d.language],
        timeZone: DEMO_TIME_ZONE,
      })),
    )
    .returning({ id: entities.id, name: entities.name });
  await tx.update(entities).set({ path: sql`${`/${root.id}/`} || ${entities.id} || '/'` }).where(sql`${entities.parentId} = ${root.id}`);
  const entityIdOf = (key: EntityKey) => {
    const spec = DEMO_ENTITIES.find((e) => e.key === key);
    return key === "company" ? root.id : findId(deptRows, "name", spec?.name ?? key);
  };
  const entityId = { company: root.id, eng: entityIdOf("eng"), cs: entityIdOf("cs"), ops: entityIdOf("ops") };

  const professionRows = await tx
    .insert(professions)
    .values(DEMO_PROFESSIONS.map((p) => ({ name: p.name, description: p.description, entityId: root.id })))
    .returning({ id: professions.id, name: professions.name });
  const professionIdOf = (key: ProfessionKey) => findId(professionRows, "name", DEMO_PROFESSIONS.find((p) => p.key === key)?.name ?? key);
  const professionId = { software: professionIdOf("software"), support: professionIdOf("support"), operations: professionIdOf("operations") };
  await ensureSpecializationLevels(tx, professionRows.map((p) => p.id));

  const userRows = await tx
    .insert(users)
    .values(
      DEMO_PEOPLE.map((p, i) => ({
        email: p.email,
        name: p.name,
        role: p.role,
        entityId: entityId[p.entity],
        professionId: p.profession ? professionId[p.profession] : null,
        languageId: languageId[p.language ?? DEMO_ENTITIES.find((e) => e.key === p.entity)?.language ?? "en"],
        passwordHash: hashes[i] ?? null,
        hiredAt: p.onboarding ? startOf(onboardingStart(now, p.onboarding.daysAgo)) : new Date(now.getTime() - (300 + i * 41) * DAY_MS),
        lastSignInAt: p.onboarding?.daysAgo === 0 ? null : new Date(now.getTime() - ((i * 7) % 30) * 3_600_000),
      })),
    )
    .returning({ id: users.id, email: users.email });
  const userId = (email: string) => findId(userRows, "email", email);
  const managerPairs = DEMO_PEOPLE.flatMap((p) => (p.manager ? [sql`(${userId(p.email)}::int, ${userId(p.manager)}::int)`] : []));
  await tx.execute(
    sql`update users as u set manager_id = v.manager_id from (values ${sql.join(managerPairs, sql`, `)}) as v(id, manager_id) where u.id = v.id`,
  );
  return { entityId, professionId, languageId, userId, adminId: userId("admin@demo.test") };
}

async function seedGuides(tx: DbOrTx, org: Organisation): Promise<(key: GuideKey) => number> {
  const formatRows = await tx.select({ id: formats.id, code: formats.code }).from(formats);
  const rows = await tx
    .insert(guides)
    .values(
      DEMO_GUIDES.map((g) => ({
        name: g.name,
        formatId: findId(formatRows, "code", g.format),
        entityId: org.entityId[g.entity],
        createdBy: org.adminId,
      })),
    )
    .returning({ id: guides.id, name: guides.name });
  const idOf = (key: GuideKey) => findId(rows, "name", DEMO_GUIDES.find((g) => g.key === key)?.name ?? key);
  await tx.insert(guideTranslations).values(
    DEMO_GUIDES.flatMap((g) =>
      (["en", "de"] as const).map((lang) => ({
        guideId: idOf(g.key),
        languageId: org.languageId[lang],
        title: g[lang].title,
        body: g[lang].body,
        mediaUrl: g[lang].mediaUrl ?? null,
      })),
    ),
  );
  return idOf;
}

async function startOnboardings(tx: DbOrTx, org: Organisation, programs: SeededProgram[], now: Date): Promise<StartedOnboarding[]> {
  const started: StartedOnboarding[] = [];
  for (const person of DEMO_PEOPLE) {
    if (!person.onboarding || !person.profession) continue;
    const program = programs.find((p) => !p.isDraft && p.profession === person.profession);
    if (!program) throw new Error(`demo content: no published program for ${person.profession}`);
    const managerId = person.manager ? org.userId(person.manager) : null;
    const startDate = onboardingStart(now, person.onboarding.daysAgo);
    const result = await instantiateProgram(tx, { projectTemplateId: program.id, onboardeeId: org.userId(person.email), createdBy: managerId, startDate });
    started.push({ ...result, email: person.email, onboardeeId: org.userId(person.email), managerId, startDate, plan: person.onboarding });
  }
  return started;
}

/** `daysAgo` calendar days before today, moved back to Friday on a weekend so no start lies ahead. */
function onboardingStart(now: Date, daysAgo: number): string {
  let ms = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - daysAgo * DAY_MS;
  while ([0, 6].includes(new Date(ms).getUTCDay())) ms -= DAY_MS;
  return new Date(ms).toISOString().slice(0, 10);
}

function startOf(date: string): Date {
  return new Date(`${date}T07:00:00Z`);
}

function findId<K extends string>(rows: ({ id: number } & Record<K, string>)[], key: K, value: string): number {
  const row = rows.find((r) => r[key] === value);
  if (!row) throw new Error(`demo seed: no ${key} "${value}"`);
  return row.id;
}

/**
 * The demo is an initial load, not a change anyone made: like the scale seed, it switches the
 * per-row audit trigger off inside its own transaction (sealing thousands of rows one by one into
 * the hash chain at commit would triple the start-up time) and on again before committing, so no
 * committed state ever lacks it.
 */
async function setAuditTrigger(tx: DbOrTx, enabled: boolean): Promise<void> {
  const action = enabled ? "enable" : "disable";
  await tx.execute(sql.raw(`do $$
    declare r record;
    begin
      for r in select c.relname from pg_trigger t join pg_class c on c.oid = t.tgrelid
               where t.tgname = 'audit_row_change' and c.relnamespace = current_schema()::regnamespace loop
        execute format('alter table %I ${action} trigger audit_row_change', r.relname);
      end loop;
    end $$`));
}

async function countRows(db: DbOrTx): Promise<DemoSummary> {
  const columns = COUNTED_TABLES.map((t) => `(select count(*) from ${t})::int as ${t}`).join(", ");
  const [row] = await queryRows<Record<string, number | string>>(db, sql.raw(`select ${columns}`));
  return Object.fromEntries(COUNTED_TABLES.map((t) => [t, Number(row?.[t] ?? 0)])) as DemoSummary;
}
