// Bad input for the write routes, derived from the OpenAPI document (lib/api/openapi.ts): which
// operations exist, what their bodies look like, fast-check arbitraries for each kind of bad
// input, and an organisation with one row of every kind for ids to point at.
import { inArray } from "drizzle-orm";
import fc from "fast-check";
import type { Db } from "../db/client";
import { checklistItems, checklists, guideTranslations, languages, professions, statuses, taskRequest, taskSteps, taskTemplateStepTemplate } from "../db/schema";
import type { RouteHandler } from "../lib/api/handler";
import { buildOpenApiDocument } from "../lib/api/openapi";
import { DEFAULT_MAX_BODY_BYTES } from "../lib/api/request";
import { ROUTE_MODULES } from "../lib/api/route-registry.generated";
import { createApiToken } from "../lib/auth/tokens";
import { instantiateProgram } from "../lib/programs/instantiate";
import { checklistStep, createGuide, createOrganisation, createProgram, instructionStep, unique } from "./factories";

/** The subset of JSON Schema (draft 2020-12, as z.toJSONSchema writes it) that the bodies use. */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  minItems?: number;
  format?: string;
  pattern?: string;
  /** `{ not: {} }` is z.never(): no value is allowed. */
  not?: JsonSchema;
};

export const WRITE_METHODS = ["POST", "PUT", "PATCH", "DELETE"] as const;
export type WriteMethod = (typeof WRITE_METHODS)[number];

export type PathParam = { name: string; /** The static segment before it: "items" in /checklists/[id]/items/[itemId]. */ resource: string };

export type WriteOperation = {
  key: string;
  method: WriteMethod;
  /** As in the app tree: "/api/checklists/[id]/items/[itemId]". */
  routePath: string;
  params: PathParam[];
  handler: RouteHandler;
  body: JsonSchema | undefined;
  maxBodyBytes: number;
};

const isRouteHandler = (value: unknown): value is RouteHandler => typeof value === "function" && "spec" in value;
const openApiPath = (path: string) => path.replace(/\[\.\.\.(\w+)\]/g, "{$1}").replace(/\[(\w+)\]/g, "{$1}");

function paramsOf(routePath: string): PathParam[] {
  const segments = routePath.split("/").filter(Boolean);
  return segments.flatMap((segment, i) => {
    const name = /^\[(\w+)\]$/.exec(segment)?.[1];
    return name ? [{ name, resource: segments[i - 1] ?? "" }] : [];
  });
}

/**
 * Every write operation the OpenAPI document lists whose handler was made by defineRoute
 * (next-auth's hand-written handlers speak next-auth's own protocol and are left out).
 */
export function writeOperations(): WriteOperation[] {
  const doc = buildOpenApiDocument();
  const operations: WriteOperation[] = [];
  for (const { path, module } of ROUTE_MODULES) {
    const item = doc.paths[openApiPath(path)] as Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> } }> | undefined;
    for (const method of WRITE_METHODS) {
      const handler: unknown = (module as Record<string, unknown>)[method];
      const operation = item?.[method.toLowerCase()];
      if (!isRouteHandler(handler) || !operation) continue;
      operations.push({
        key: `${method} ${path}`,
        method,
        routePath: path,
        params: paramsOf(path),
        handler,
        body: operation.requestBody?.content["application/json"]?.schema,
        maxBodyBytes: handler.spec.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      });
    }
  }
  return operations;
}

// ── wrong types ─────────────────────────────────────────────────────────────────────────────

type JsonKind = "string" | "number" | "integer" | "boolean" | "null" | "array" | "object";
const KINDS: readonly JsonKind[] = ["string", "number", "integer", "boolean", "null", "array", "object"];

function kindOfValue(value: unknown): JsonKind {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value as JsonKind;
}

/** The JSON types a schema accepts, or null when it accepts anything (no type is wrong for it). */
export function acceptedKinds(schema: JsonSchema): Set<JsonKind> | null {
  if (schema.not) return new Set();
  if ("const" in schema) return new Set([kindOfValue(schema.const)]);
  if (schema.enum) return new Set(schema.enum.map(kindOfValue));
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) {
    const union = new Set<JsonKind>();
    for (const alternative of alternatives) {
      const kinds = acceptedKinds(alternative);
      if (!kinds) return null;
      for (const kind of kinds) union.add(kind);
    }
    return union;
  }
  if (schema.type === undefined) return null;
  const kinds = new Set((Array.isArray(schema.type) ? schema.type : [schema.type]) as JsonKind[]);
  // Every integer is a number.
  if (kinds.has("number")) kinds.add("integer");
  return kinds;
}

const leaf = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null));
const WRONG_VALUE: Record<JsonKind, fc.Arbitrary<unknown>> = {
  string: fc.string({ maxLength: 20 }),
  // A fraction where only integers are allowed is a wrong type too.
  number: fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
  integer: fc.integer(),
  boolean: fc.boolean(),
  null: fc.constant(null),
  array: fc.array(leaf, { maxLength: 3 }),
  object: fc.dictionary(fc.string({ maxLength: 8 }), leaf, { maxKeys: 3 }),
};

/** A value of a JSON type the schema does not accept, or null when every type is accepted. */
export function wrongValue(schema: JsonSchema): fc.Arbitrary<unknown> | null {
  const accepted = acceptedKinds(schema);
  if (!accepted) return null;
  const wrong = KINDS.filter((kind) => !accepted.has(kind));
  return wrong.length === 0 ? null : fc.oneof(...wrong.map((kind) => WRONG_VALUE[kind]));
}

/**
 * A body shaped like the schema where every property is absent, valid or of a wrong type, and at
 * least one is wrong; a non-object body schema (an array) gets wrong items or a wrong root type.
 */
export function wrongTypedBody(schema: JsonSchema): fc.Arbitrary<unknown> | null {
  const root = wrongValue(schema);
  const properties = Object.entries(schema.properties ?? {});
  if (properties.length === 0) {
    const item = schema.items ? wrongValue(schema.items) : null;
    const wrongItems = item ? fc.array(item, { minLength: 1, maxLength: 3 }) : null;
    const choices = [root, wrongItems].filter((a): a is fc.Arbitrary<unknown> => a !== null);
    return choices.length === 0 ? null : fc.oneof(...choices);
  }
  type Slot = { kind: "absent" } | { kind: "valid"; value: unknown } | { kind: "wrong"; value: unknown };
  const slots = properties.map(([name, propertySchema]) => {
    const wrong = wrongValue(propertySchema);
    const options: fc.Arbitrary<Slot>[] = [fc.constant<Slot>({ kind: "absent" }), fc.constant<Slot>({ kind: "valid", value: sampleOf(propertySchema, name) })];
    if (wrong) options.push(wrong.map((value): Slot => ({ kind: "wrong", value })));
    return options;
  });
  if (!slots.some((options) => options.length === 3)) return root;
  const shaped = fc
    .tuple(...slots.map((options) => fc.oneof(...options)))
    .filter((chosen) => chosen.some((slot) => slot.kind === "wrong"))
    .map((chosen): Record<string, unknown> => {
      const present = chosen.flatMap((slot, i): [string, unknown][] => (slot.kind === "absent" ? [] : [[properties[i]?.[0] ?? "", slot.value]]));
      return Object.fromEntries(present);
    });
  return root ? fc.oneof({ weight: 4, arbitrary: shaped }, { weight: 1, arbitrary: root }) : shaped;
}

// ── valid samples ───────────────────────────────────────────────────────────────────────────

/** Names that point at another row: the fields the id category replaces. */
export const isIdField = (name: string) => /(?:^|_)ids?$/.test(name);

const PATTERN_CANDIDATES = ["en", "de", "2031-03-04", "2031-03-04T09:00:00Z", "x"];
let sampleSerial = 0;

/**
 * A value the schema accepts: required properties plus every id-like optional one (the id
 * category replaces those). The caller checks the result against the route's zod schema, which
 * may be stricter than the JSON Schema shows (refinements).
 */
export function sampleOf(schema: JsonSchema, name = ""): unknown {
  if ("const" in schema) return schema.const;
  if (schema.enum) return schema.enum[0];
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return sampleOf(alternatives.find((a) => a.type !== "null") ?? alternatives[0] ?? {}, name);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "object": {
      const required = new Set(schema.required ?? []);
      const keys = Object.entries(schema.properties ?? {})
        .filter(([key, property]) => !property.not && (required.has(key) || isIdField(key)))
        .map(([key]) => key);
      return Object.fromEntries(keys.map((key) => [key, sampleOf(schema.properties?.[key] ?? {}, key)]));
    }
    case "array":
      return Array.from({ length: Math.max(1, schema.minItems ?? 0) }, () => sampleOf(schema.items ?? {}, name));
    case "integer":
      return Math.min(schema.maximum ?? Number.MAX_SAFE_INTEGER, Math.max(schema.minimum ?? 1, (schema.exclusiveMinimum ?? 0) + 1));
    case "number":
      return Math.min(schema.maximum ?? 1, schema.minimum ?? (schema.exclusiveMinimum ?? 0) + 0.5);
    case "boolean":
      return false;
    case "null":
      return null;
    case "string":
      return sampleString(schema, name);
    default:
      return {};
  }
}

function sampleString(schema: JsonSchema, name: string): string {
  if (schema.format === "date-time") return "2031-03-04T09:00:00Z";
  if (schema.format === "date") return "2031-03-04";
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    const fits = PATTERN_CANDIDATES.find((candidate) => pattern.test(candidate));
    if (fits) return fits;
  }
  if (name === "email") return `bad-input-${process.pid}-${++sampleSerial}@example.test`;
  const text = `Bad input ${process.pid}-${++sampleSerial}`;
  return text.padEnd(schema.minLength ?? 1, "x").slice(0, schema.maxLength ?? text.length);
}

// ── bodies with chosen ids, and hostile text ──────────────────────────────────────────────

/** Strings a user may type or paste that the database may choke on: NUL above all, lone surrogates, controls. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("nul \u0000 inside", "\u0000") },
  { weight: 2, arbitrary: fc.constantFrom("lone \ud800 surrogate", "\udfff", "bidi \u202e override", "emoji 😀", "'; drop table users; --", "bell \u0007 esc \u001b[31m") },
  { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 20 }) },
);

/** A string field a person writes (a name, a note), not a code, address, date or secret. */
function isFreeText(schema: JsonSchema, name: string): boolean {
  const plain = schema.type === "string" && !("const" in schema) && !schema.enum && !schema.pattern && !schema.format;
  return plain && !/password|email|zone|url|language/.test(name);
}

function resolved(schema: JsonSchema): JsonSchema {
  const alternatives = schema.anyOf ?? schema.oneOf;
  return alternatives ? resolved(alternatives.find((a) => a.type !== "null") ?? alternatives[0] ?? {}) : schema;
}

export type JsonPath = (string | number)[];

/** Where free-text strings sit in a body: property names, and index 0 for array items. */
export function freeTextPaths(schema: JsonSchema, name = "", at: JsonPath = []): JsonPath[] {
  const s = resolved(schema);
  if (isFreeText(s, name)) return [at];
  if (s.items) return freeTextPaths(s.items, name, [...at, 0]);
  return Object.entries(s.properties ?? {}).flatMap(([key, property]) => (property.not ? [] : freeTextPaths(property, key, [...at, key])));
}

/** A copy of `body` with `value` at `path`, creating the objects and arrays on the way. */
export function withValueAt(body: unknown, path: JsonPath, value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (typeof head === "number") {
    const copy: unknown[] = Array.isArray(body) ? [...(body as unknown[])] : [];
    copy[head] = withValueAt(copy[head], rest, value);
    return copy;
  }
  const object = body !== null && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  return { ...object, [head]: withValueAt(object[head], rest, value) };
}

/**
 * Bodies shaped like sampleOf's (required and id-like properties) with every id — in nested
 * objects and arrays too — drawn from `ids(field)`, whose name says which rows it points at.
 */
export function bodyArbitrary(schema: JsonSchema, ids: (field: string) => fc.Arbitrary<number>, name = ""): fc.Arbitrary<unknown> {
  const s = resolved(schema);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  if ("const" in s || s.enum) return fc.constant(sampleOf(s, name));
  if (type === "object") {
    const required = new Set(s.required ?? []);
    const entries = Object.entries(s.properties ?? {}).filter(([key, p]) => !p.not && (required.has(key) || isIdField(key)));
    return fc.record(Object.fromEntries(entries.map(([key, p]) => [key, bodyArbitrary(p, ids, key)])));
  }
  if (type === "array") {
    const length = Math.max(1, s.minItems ?? 0);
    return fc.array(bodyArbitrary(s.items ?? {}, ids, name), { minLength: length, maxLength: isIdField(name) ? length + 2 : length });
  }
  if (type === "integer" && isIdField(name)) return ids(name);
  return fc.constant(sampleOf(s, name));
}

// ── malformed and oversized bodies ──────────────────────────────────────────────────────────

const isMalformed = (text: string) => {
  if (text.trim() === "") return false;
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
};

/** Text that is not JSON: valid JSON cut short, or random bytes. */
export const malformedJson: fc.Arbitrary<{ kind: "text"; text: string } | { kind: "bytes"; bytes: number[] }> = fc.oneof(
  fc
    .tuple(fc.jsonValue({ maxDepth: 3 }), fc.double({ min: 0, max: 1, noNaN: true }))
    .map(([value, cut]) => {
      const text = JSON.stringify(value);
      return text.slice(0, Math.floor(text.length * cut));
    })
    .filter(isMalformed)
    .map((text) => ({ kind: "text" as const, text })),
  fc
    .constantFrom("{", "[", '{"user_id": 1', '{"a":}', "{'single': 1}", "NaN", "undefined", "{}}", '{"a":1,}', "\u0000")
    .map((text) => ({ kind: "text" as const, text })),
  fc
    .array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 64 })
    .filter((bytes) => isMalformed(Buffer.from(bytes).toString("utf8")))
    .map((bytes) => ({ kind: "bytes" as const, bytes })),
);

export type OversizedBody = { kind: "oversized"; bytes: number; shape: "string" | "array"; declareLength: boolean };

/** A JSON body over the route's limit, sent with its Content-Length or streamed without one. */
export function oversizedBody(maxBodyBytes: number): fc.Arbitrary<OversizedBody> {
  return fc.record({
    kind: fc.constant("oversized" as const),
    bytes: fc.integer({ min: maxBodyBytes + 1, max: maxBodyBytes * 2 }),
    shape: fc.constantFrom("string" as const, "array" as const),
    declareLength: fc.boolean(),
  });
}

/** The text of an oversized body: valid JSON of exactly `bytes` bytes or a few more. */
export function oversizedText(body: OversizedBody): string {
  if (body.shape === "string") return JSON.stringify({ name: "x".repeat(body.bytes) });
  return JSON.stringify(Array.from({ length: Math.ceil(body.bytes / 2) }, () => 1));
}

// ── an organisation with one row of every kind ──────────────────────────────────────────────

export type OrganisationRows = Awaited<ReturnType<typeof seedOrganisationRows>>;

/**
 * createOrganisation plus a profession, a guide with a translation, a published program, a running
 * project of it (tasks, steps, checklist items), a pending task request and an API token; `ids`
 * lists them by the path segment that names their kind ("task-templates", "items", …).
 */
export async function seedOrganisationRows(db: Db) {
  const org = await createOrganisation(db);
  const [profession] = await db.insert(professions).values({ name: unique("Profession"), entityId: org.company.id }).returning();
  const guide = await createGuide(db, org.company.id);
  const [english] = await db.select().from(languages).where(inArray(languages.code, ["en"]));
  const [pending] = await db.select().from(statuses).where(inArray(statuses.code, ["pending_approval"]));
  if (!profession || !english || !pending) throw new Error("fixture rows missing");
  await db.insert(guideTranslations).values({ guideId: guide.id, languageId: english.id, title: "Guide" });
  const program = await createProgram(db, {
    entityId: org.company.id,
    milestones: [{ name: unique("Week"), offset: 0, duration: 5, tasks: [{ name: unique("Task"), steps: [instructionStep(), checklistStep("sequential", ["one", "two"])] }] }],
  });
  const run = await instantiateProgram(db, { projectTemplateId: program.templateId, onboardeeId: org.employee.user.id, createdBy: org.manager.user.id, startDate: "2031-03-03" });
  const taskTemplateIds = [...program.taskIdByName.values()];
  const lists = await db.select({ id: checklists.id }).from(checklists).where(inArray(checklists.taskId, run.taskIds));
  const items = await db.select({ id: checklistItems.id }).from(checklistItems).where(inArray(checklistItems.checklistId, lists.map((c) => c.id)));
  const steps = await db.select({ id: taskSteps.id }).from(taskSteps).where(inArray(taskSteps.taskId, run.taskIds));
  const links = await db.select({ id: taskTemplateStepTemplate.stepTemplateId }).from(taskTemplateStepTemplate).where(inArray(taskTemplateStepTemplate.taskTemplateId, taskTemplateIds));
  const [request] = await db
    .insert(taskRequest)
    .values({ title: "Request", approvalRequired: true, statusId: pending.id, createdBy: org.employee.user.id, entityId: org.department.id })
    .returning();
  if (!request) throw new Error("fixture rows missing");
  const token = await createApiToken(db, { systemUserId: org.employee.user.id }, { name: "fixture", scopes: ["read"] });
  const ids: Record<string, number[]> = {
    // The admin is left out: the caller must not edit itself out of its own scope.
    users: [org.manager.user.id, org.employee.user.id, org.peer.user.id],
    entities: [org.company.id, org.department.id],
    professions: [profession.id],
    guides: [guide.id],
    "project-templates": [program.templateId],
    "milestone-templates": [...program.milestoneIdByName.values()],
    "task-templates": taskTemplateIds,
    "step-templates": links.map((l) => l.id),
    projects: [run.projectId],
    milestones: run.milestoneIds,
    tasks: run.taskIds,
    steps: steps.map((st) => st.id),
    checklists: lists.map((c) => c.id),
    items: items.map((i) => i.id),
    "task-requests": [request.id],
    tokens: [token.record.id],
  };
  return { org, ids };
}
