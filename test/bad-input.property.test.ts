// Bad input on every write route answers 4xx problem+json, never 5xx: a fast-check property per
// write operation of the OpenAPI document and per kind of bad input — (a) arbitrary JSON, (b) the
// body schema's shape with wrong types, (c) malformed JSON, (d) unknown ids and ids of another
// organisation's rows in the path and in *_id / *_ids fields, (e) a body over the size limit, and
// (f) hostile text (NUL, lone surrogates, control characters) in the free-text fields of an
// otherwise valid body aimed at the caller's own rows — sent straight to the route handlers with
// an admin's API token (scopes read, write, admin). One seed per run, printed with every failure
// (FC_SEED=<n> replays it); all failing operations are collected into one message.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database, Db } from "../db/client";
import { apiTokens, statuses } from "../db/schema";
import { createApiToken } from "../lib/auth/tokens";
import { generateKeyEntry } from "../lib/crypto/keyring";
import {
  bodyArbitrary,
  freeTextPaths,
  hostileText,
  isIdField,
  malformedJson,
  type OrganisationRows,
  oversizedBody,
  oversizedText,
  type OversizedBody,
  sampleOf,
  seedOrganisationRows,
  withValueAt,
  type WriteOperation,
  writeOperations,
  wrongTypedBody,
} from "./bad-input-cases";
import { createTestDatabase } from "./db";
import { unique } from "./factories";
import { installTestProcessDatabase, releaseProcessDatabase } from "./use-database";

process.env.GROUNDWORK_ENCRYPTION_KEYS ??= generateKeyEntry("bad-input");
process.env.NEXTAUTH_SECRET ??= randomBytes(48).toString("base64url");

type Category = "json-value" | "wrong-types" | "malformed-json" | "bad-ids" | "oversized" | "hostile-text";
const CATEGORIES: Category[] = ["json-value", "wrong-types", "malformed-json", "bad-ids", "oversized", "hostile-text"];

const SEED = Number(process.env.FC_SEED ?? Date.now() % 2_147_483_647);
/** Runs per operation and category; FC_RUNS=n scales them (15 is the default budget: ~60 operations in about a minute). */
const SCALE = Number(process.env.FC_RUNS ?? 15) / 15;
const RUNS: Record<Category, number> = { "json-value": 15, "wrong-types": 15, "malformed-json": 8, "bad-ids": 15, oversized: 3, "hostile-text": 10 };
/** Ids no row has: a fresh test database's serials never get near them. */
const UNKNOWN_IDS = [987_654, 2_147_483_000, 2_147_483_647];
/** One past int4, for body fields whose schema allows more (guide_ids: any safe integer). */
const OVERFLOW_ID = 2_147_483_648;
/** Path values that are not ids; those a lenient parser may read as a number still name no row. */
const ODD_PARAMS = ["0", "-1", "abc", "1.5", "9.87654e5", "2147483648", "99999999999999999999", " 987654", "\u0000"];
const LANGUAGE_PARAMS = ["en", "de", "zz", "EN-us", "x".repeat(300), "\u0000", "'; drop table guides; --"];
/** A root array body names rows of the kind its path ends with. */
const ROOT_ARRAY_FIELD: Record<string, string> = { parents: "task_template_ids", professions: "profession_ids" };
const FIELD_RESOURCE: [RegExp, string][] = [
  [/^(user|manager|assignee)_ids?$/, "users"],
  [/^(entity|parent)_id$/, "entities"],
  [/^profession_ids?$/, "professions"],
  [/^(template|task_template)_ids?$/, "task-templates"],
  [/^project_template_id$/, "project-templates"],
  [/^milestone_template_id$/, "milestone-templates"],
  [/^step_template_id$/, "step-templates"],
  [/^(task|related_task)_id$/, "tasks"],
  [/^project_id$/, "projects"],
  [/^guide_ids?$/, "guides"],
];

let database: Database;
let db: Db;
let ours: OrganisationRows;
let theirs: OrganisationRows;
let statusIds: number[];
let operations: WriteOperation[];

/**
 * API tokens allow 600 requests a minute; a fresh one every 500 requests keeps clear of that. The
 * used one is revoked, so the caller stays under the cap of active tokens per user.
 */
const tokenPool = { token: "", id: 0, uses: 0 };
async function adminToken(): Promise<string> {
  if (tokenPool.token === "" || tokenPool.uses >= 500) {
    if (tokenPool.id) await db.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, tokenPool.id));
    const created = await createApiToken(db, { systemUserId: ours.org.admin.user.id }, { name: unique("bad-input"), scopes: ["read", "write", "admin"] });
    Object.assign(tokenPool, { token: created.token, id: created.record.id, uses: 0 });
  }
  tokenPool.uses += 1;
  return tokenPool.token;
}

// ── ids ───────────────────────────────────────────────────────────────────────────────────────

const resourceOfField = (field: string) => (field.startsWith("status_") ? "statuses" : FIELD_RESOURCE.find(([pattern]) => pattern.test(field))?.[1]);

/** Unknown ids and the other organisation's rows of that kind (statuses are global: any of them). */
function badIds(resource: string | undefined): number[] {
  if (resource === "statuses") return [...UNKNOWN_IDS, ...statusIds];
  return [...UNKNOWN_IDS, ...((resource && theirs.ids[resource]) || Object.values(theirs.ids).flat())];
}

/** The caller's own rows of that kind, so that a valid body reaches the database. */
function ownIds(resource: string | undefined): number[] {
  if (resource === "statuses") return statusIds;
  return (resource && ours.ids[resource]) || Object.values(ours.ids).flat();
}

const rootField = (op: WriteOperation) => ROOT_ARRAY_FIELD[op.routePath.split("/").at(-1) ?? ""] ?? "ids";

function pathParams(op: WriteOperation, ids: (resource: string) => number[], odd: boolean): fc.Arbitrary<Record<string, string>> {
  const arbitraryOf = (name: string, resource: string): fc.Arbitrary<string> => {
    if (name === "language") return odd ? fc.constantFrom(...LANGUAGE_PARAMS) : fc.constant("en");
    const numeric = fc.constantFrom(...ids(resource)).map(String);
    return odd ? fc.oneof({ weight: 3, arbitrary: numeric }, { weight: 1, arbitrary: fc.constantFrom(...ODD_PARAMS) }) : numeric;
  };
  return fc.record(Object.fromEntries(op.params.map((p) => [p.name, arbitraryOf(p.name, p.resource)])));
}

/** The route's zod schema accepts sampleOf's body (undefined: the route takes none). */
function sampleIsValid(op: WriteOperation): boolean {
  return !op.body || (op.handler.spec.body?.safeParse(sampleOf(op.body, rootField(op))).success ?? true);
}

/** Whether a path id or an id-like body field can point elsewhere. */
function hasIds(op: WriteOperation): boolean {
  if (op.params.length > 0) return true;
  const sample = op.body ? sampleOf(op.body, rootField(op)) : undefined;
  const first: unknown = Array.isArray(sample) ? sample[0] : sample;
  return typeof first === "number" || (first !== null && typeof first === "object" && Object.keys(first).some(isIdField));
}

// ── sending and judging ───────────────────────────────────────────────────────────────────────

type Body = { kind: "json"; value: unknown } | { kind: "none" } | { kind: "text"; text: string } | { kind: "bytes"; bytes: number[] } | OversizedBody;
type Input = { params: Record<string, string>; body: Body };
type Answer = { status: number; contentType: string; text: string };

function encodeBody(b: Body, headers: Record<string, string>): { body?: BodyInit; duplex?: "half" } {
  if (b.kind === "json") return { body: JSON.stringify(b.value) };
  if (b.kind === "text") return { body: b.text };
  if (b.kind === "bytes") return { body: new Uint8Array(b.bytes) };
  if (b.kind === "none") return {};
  const bytes = new TextEncoder().encode(oversizedText(b));
  if (b.declareLength) {
    headers["content-length"] = String(bytes.byteLength);
    return { body: bytes };
  }
  // Streamed in chunks without a Content-Length: the limit must hold while reading.
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < bytes.byteLength; at += 16_384) controller.enqueue(bytes.subarray(at, at + 16_384));
      controller.close();
    },
  });
  return { body: stream, duplex: "half" };
}

/**
 * What the route wrapper logged for the last 5xx (it logs the cause, the answer shows only a
 * generic message): kept for the failure report instead of flooding the output while shrinking.
 */
let lastLogged = "";
function captureServerLog() {
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    const cause = args.find((a): a is Error => a instanceof Error);
    const root = cause?.cause instanceof Error ? cause.cause : cause;
    lastLogged = root ? `${root.name}: ${root.message}` : args.map(String).join(" ");
  });
}

async function send(op: WriteOperation, input: Input): Promise<Answer> {
  lastLogged = "";
  const headers: Record<string, string> = { authorization: `Bearer ${await adminToken()}`, "content-type": "application/json" };
  const encoded = encodeBody(input.body, headers);
  const url = `http://localhost${op.routePath.replace(/\[(\w+)\]/g, (_m, name: string) => encodeURIComponent(input.params[name] ?? ""))}`;
  try {
    const response = await op.handler(new Request(url, { method: op.method, headers, ...encoded }), { params: Promise.resolve(input.params) });
    return { status: response.status, contentType: response.headers.get("content-type") ?? "", text: await response.text() };
  } catch (err) {
    return { status: 500, contentType: "thrown", text: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
}

/** What is wrong with an answer, or null. */
function verdict(op: WriteOperation, category: Category, { status, contentType }: Answer): string | null {
  if (status >= 500) return `answered ${status}`;
  if (status >= 400 && !contentType.startsWith("application/problem+json")) return `answered ${status} as ${contentType || "no content type"}, not problem+json`;
  if (category === "malformed-json" && status !== 400) return `malformed JSON answered ${status}, not 400`;
  if (category === "oversized" && status !== 413) return `an oversized body answered ${status}, not 413`;
  // Arbitrary JSON may happen to be a valid body, and hostile text aims at the caller's own rows:
  // those may succeed. Everything else is invalid or points at rows the caller cannot reach.
  const mayPass = category === "hostile-text" || (category === "json-value" && op.params.length === 0);
  if (!mayPass && status < 400) return `answered ${status} to bad input`;
  return null;
}

function inputsFor(op: WriteOperation, category: Category): fc.Arbitrary<Input> | null {
  // Numeric ids that parse but point nowhere the caller may reach: the body is what gets judged.
  const params = pathParams(op, badIds, false);
  const json = (value: fc.Arbitrary<unknown>, p = params) => fc.record({ params: p, body: value.map((v): Body => ({ kind: "json", value: v })) });
  switch (category) {
    case "json-value":
      return json(fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.jsonValue({ maxDepth: 2, stringUnit: "binary" })));
    case "wrong-types": {
      const wrong = op.body ? wrongTypedBody(op.body) : null;
      return wrong ? json(wrong) : null;
    }
    case "malformed-json":
      return fc.record({ params, body: malformedJson });
    case "oversized":
      return fc.record({ params, body: oversizedBody(op.maxBodyBytes) });
    case "bad-ids": {
      if (!hasIds(op)) return null;
      const odd = pathParams(op, badIds, true);
      if (!op.body) return fc.record({ params: odd, body: fc.constant<Body>({ kind: "none" }) });
      const ids = (field: string) => fc.constantFrom(...badIds(resourceOfField(field)), OVERFLOW_ID);
      return json(bodyArbitrary(op.body, ids, rootField(op)), odd);
    }
    case "hostile-text": {
      // A valid body for the caller's own rows with one free-text field made hostile.
      const paths = op.body ? freeTextPaths(op.body) : [];
      if (!op.body || paths.length === 0) return null;
      const valid = bodyArbitrary(op.body, (field) => fc.constantFrom(...ownIds(resourceOfField(field))), rootField(op));
      const hostile = fc.tuple(valid, fc.constantFrom(...paths), hostileText).map(([body, path, text]) => withValueAt(body, path, text));
      return json(hostile, pathParams(op, ownIds, false));
    }
  }
}

// ── running ───────────────────────────────────────────────────────────────────────────────────

type Failure = { op: string; category: Category; problem: string; input: string; path: string; runs: number };
const failures: Failure[] = [];
const checked = new Map<string, Category[]>();
/** Operations whose bad-ids inputs got past the route's zod parsing at least once (reached the service). */
const reachedService = new Set<string>();
const ZOD_REFUSAL = /The request (body|params|query) is not valid\./;

const short = (value: unknown) => {
  const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === "string" && v.length > 120 ? `${v.slice(0, 40)}…(${v.length} chars)` : v));
  return text.length > 600 ? `${text.slice(0, 600)}…` : text;
};

async function checkOperation(op: WriteOperation): Promise<void> {
  for (const category of CATEGORIES) {
    const inputs = inputsFor(op, category);
    if (!inputs) continue;
    checked.set(op.key, [...(checked.get(op.key) ?? []), category]);
    const property = fc.asyncProperty(inputs, async (input) => {
      const answer = await send(op, input);
      if (category === "bad-ids" && !ZOD_REFUSAL.test(answer.text)) reachedService.add(op.key);
      const problem = verdict(op, category, answer);
      if (problem) throw new Error(`${problem}: ${lastLogged || answer.text.slice(0, 300)}`);
    });
    const numRuns = Math.max(1, Math.round(RUNS[category] * SCALE));
    // Shrinking re-sends requests: bounded in time, so one broken route cannot eat the whole budget.
    const details = await fc.check<[Input]>(property, { seed: SEED, numRuns, plugins: [fc.interruptAfterTimeLimit(20_000)] });
    if (details.failed) {
      const problem = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      failures.push({ op: op.key, category, problem, input: short(details.counterexample?.[0]), path: details.counterexamplePath ?? "", runs: details.numRuns });
    }
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  installTestProcessDatabase(database);
  captureServerLog();
  ours = await seedOrganisationRows(db);
  theirs = await seedOrganisationRows(db);
  statusIds = (await db.select({ id: statuses.id }).from(statuses)).map((s) => s.id);
  operations = writeOperations();
});

afterAll(async () => {
  vi.restoreAllMocks();
  releaseProcessDatabase();
  await database.close();
});

describe("bad input on every write route", () => {
  it("finds the write operations of the OpenAPI document, the seed's flow steps among them", () => {
    const keys = operations.map((op) => op.key);
    expect(keys.length, "regenerate lib/api/route-registry.generated.ts (npm run gen:routes)").toBeGreaterThan(40);
    expect(keys).toEqual(expect.arrayContaining(["POST /api/onboarding/start", "POST /api/tasks/assign", "POST /api/progress/update", "DELETE /api/users/[id]"]));
    expect(keys.filter((key) => key.includes("nextauth"))).toEqual([]);
  });

  it("derives a body each route's own schema accepts, so ids and hostile text reach the service", () => {
    const unusable = operations.filter((op) => !sampleIsValid(op)).map((op) => `${op.key}: ${short(op.body && sampleOf(op.body, rootField(op)))}`);
    expect(unusable, "sampleOf (test/bad-input-cases.ts) cannot build a valid body for these").toEqual([]);
  });

  it(
    "answers 4xx problem+json — never 5xx — to arbitrary JSON, wrong types, malformed JSON, foreign or unknown ids, oversized bodies and hostile text",
    async () => {
      for (const op of operations) await checkOperation(op);
      expect(checked.size).toBe(operations.length);
      const withIds = operations.filter((op) => checked.get(op.key)?.includes("bad-ids")).map((op) => op.key);
      expect(withIds.filter((key) => !reachedService.has(key)), "bad-ids inputs never got past validation here").toEqual([]);
      const report = failures.map((f) => `• ${f.op} [${f.category}] after ${f.runs} run(s): ${f.problem}\n    counterexample: ${f.input}\n    replay: FC_SEED=${SEED} (path ${f.path})`);
      expect(failures.length, `seed ${SEED}: ${failures.length} failing operation/category pair(s)\n${report.join("\n")}`).toBe(0);
    },
    240_000,
  );
});
