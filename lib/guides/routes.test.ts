// The guides REST routes end to end through the route wrapper: bearer tokens, status codes
// (201 create / 200 replace), ETag and If-Match, If-None-Match, idempotent POSTs, problem+json
// field errors, and the reference lists.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Db } from "../../db/client";
import { guides, taskTemplates, type TokenScope, type User } from "../../db/schema";
import { createTestDatabase } from "../../test/db";
import { createOrganisation } from "../../test/factories";
import { installTestProcessDatabase, releaseProcessDatabase } from "../../test/use-database";
import * as acknowledgeRoute from "../../app/api/guides/[id]/acknowledge/route";
import * as linksRoute from "../../app/api/guides/[id]/links/route";
import * as guideRoute from "../../app/api/guides/[id]/route";
import * as translationRoute from "../../app/api/guides/[id]/translations/[language]/route";
import * as guidesRoute from "../../app/api/guides/route";
import * as guideablesRoute from "../../app/api/guideables/route";
import * as formatsRoute from "../../app/api/formats/route";
import * as languagesRoute from "../../app/api/languages/route";
import { createApiToken } from "../auth/tokens";
import { generateKeyEntry } from "../crypto/keyring";

process.env.GROUNDWORK_ENCRYPTION_KEYS ??= generateKeyEntry("guides-routes-test");
process.env.NEXTAUTH_SECRET ??= randomBytes(48).toString("base64url");

let database: Database;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  installTestProcessDatabase(database);
});
afterAll(async () => {
  releaseProcessDatabase();
  await database.close();
});

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function tokenOf(user: User, scopes: TokenScope[] = user.role === "admin" ? ["read", "write", "admin"] : ["read", "write"]) {
  return (await createApiToken(db, { systemUserId: user.id }, { name: `routes ${user.id} ${scopes.join(",")}`, scopes })).token;
}

async function call(
  handler: Handler,
  options: { method?: string; path: string; token: string; body?: unknown; params?: Record<string, string>; headers?: Record<string, string> },
) {
  const headers: Record<string, string> = { authorization: `Bearer ${options.token}`, ...options.headers };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const request = new Request(`http://localhost${options.path}`, {
    method: options.method ?? "GET",
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: (text ? JSON.parse(text) : null) as Record<string, unknown> & { items?: Record<string, unknown>[] } };
}

const newGuide = {
  name: "Fire drill",
  format: "text",
  is_published: true,
  translations: [
    { language: "en", title: "Fire drill", body: "Leave by the stairs." },
    { language: "de", title: "Feueralarm", body: "Über die Treppe hinaus." },
  ],
};

async function setup() {
  const org = await createOrganisation(db);
  return { org, admin: await tokenOf(org.admin.user), employee: await tokenOf(org.employee.user) };
}

async function created(token: string, body: unknown = newGuide) {
  const answer = await call(guidesRoute.POST, { method: "POST", path: "/api/guides", token, body });
  expect(answer.status).toBe(201);
  return answer.json as { id: number; version: number };
}

describe("guides routes", () => {
  it("creates (201 with ETag), reads in the requested language and refuses employees (403)", async () => {
    const { admin, employee } = await setup();
    const post = await call(guidesRoute.POST, { method: "POST", path: "/api/guides", token: admin, body: newGuide });
    expect(post.status).toBe(201);
    expect(post.headers.get("etag")).toBe('"1"');
    const id = String(post.json.id);
    const read = await call(guideRoute.GET, { path: `/api/guides/${id}?lang=de`, token: employee, params: { id } });
    expect(read.status).toBe(200);
    expect(read.headers.get("content-language")).toBe("de");
    expect(read.json).toMatchObject({ language: "de", language_source: "requested", available_languages: ["de", "en"] });
    expect((await call(guidesRoute.POST, { method: "POST", path: "/api/guides", token: employee, body: newGuide })).status).toBe(403);
  });

  it("answers invalid input with problem+json field errors (422): http video, unknown field", async () => {
    const { admin } = await setup();
    const video = { ...newGuide, format: "video", translations: [{ language: "en", title: "Watch", media_url: "http://cdn.example.com/a.mp4" }] };
    const answer = await call(guidesRoute.POST, { method: "POST", path: "/api/guides", token: admin, body: video });
    expect(answer.status).toBe(422);
    expect(answer.json.errors).toEqual([expect.objectContaining({ path: "translations.0.media_url" })]);
    expect((await call(guidesRoute.POST, { method: "POST", path: "/api/guides", token: admin, body: { ...newGuide, created_by: 1 } })).status).toBe(422);
  });

  it("replays a POST with the same Idempotency-Key instead of creating a second guide", async () => {
    const { admin } = await setup();
    const headers = { "idempotency-key": `guide-${randomBytes(6).toString("hex")}` };
    const body = { ...newGuide, name: `Once ${randomBytes(4).toString("hex")}` };
    const first = await call(guidesRoute.POST, { method: "POST", path: "/api/guides", token: admin, body, headers });
    const second = await call(guidesRoute.POST, { method: "POST", path: "/api/guides", token: admin, body, headers });
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.json.id).toBe(first.json.id);
    expect(await db.select().from(guides).where(eq(guides.name, body.name))).toHaveLength(1);
  });

  it("updates under If-Match (stale → 412) and deletes (204); a read-only admin token writes nothing (403)", async () => {
    const { org, admin } = await setup();
    const { id } = await created(admin);
    const params = { id: String(id) };
    const path = `/api/guides/${id}`;
    const stale = await call(guideRoute.PATCH, { method: "PATCH", path, token: admin, params, body: { name: "X" }, headers: { "if-match": '"7"' } });
    expect(stale.status).toBe(412);
    const ok = await call(guideRoute.PATCH, { method: "PATCH", path, token: admin, params, body: { name: "Fire drill 2" }, headers: { "if-match": '"1"' } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("etag")).toBe('"2"');
    const readOnly = await tokenOf(org.admin.user, ["read"]);
    expect((await call(guideRoute.DELETE, { method: "DELETE", path, token: readOnly, params })).status).toBe(403);
    expect((await call(guideRoute.DELETE, { method: "DELETE", path, token: admin, params })).status).toBe(204);
    expect((await call(guideRoute.GET, { path, token: admin, params })).status).toBe(404);
  });

  it("PUTs translations: 201 creates, 200 replaces, If-None-Match: * refuses to replace (412), the last one stays (409)", async () => {
    const { admin } = await setup();
    const { id } = await created(admin, { ...newGuide, translations: [{ language: "en", title: "Fire drill" }] });
    const at = (language: string) => ({ path: `/api/guides/${id}/translations/${language}`, params: { id: String(id), language }, token: admin });
    const create = await call(translationRoute.PUT, { ...at("de"), method: "PUT", body: { title: "Feueralarm" } });
    expect(create.status).toBe(201);
    expect(create.headers.get("etag")).toBe('"1"');
    expect((await call(translationRoute.PUT, { ...at("de"), method: "PUT", body: { title: "Feueralarm!" }, headers: { "if-match": '"1"' } })).status).toBe(200);
    expect((await call(translationRoute.PUT, { ...at("de"), method: "PUT", body: { title: "Nope" }, headers: { "if-none-match": "*" } })).status).toBe(412);
    expect((await call(translationRoute.PUT, { ...at("xx"), method: "PUT", body: { title: "?" } })).status).toBe(422);
    expect((await call(translationRoute.GET, at("de"))).json).toMatchObject({ title: "Feueralarm!", version: 2 });
    expect((await call(translationRoute.DELETE, { ...at("de"), method: "DELETE" })).status).toBe(204);
    expect((await call(translationRoute.DELETE, { ...at("en"), method: "DELETE" })).status).toBe(409);
  });

  it("acknowledges with 201 the first time and 200 after, with or without a body", async () => {
    const { admin, employee } = await setup();
    const { id } = await created(admin);
    const ack = { method: "POST", path: `/api/guides/${id}/acknowledge`, token: employee, params: { id: String(id) } };
    const first = await call(acknowledgeRoute.POST, ack);
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ guide_id: id, language: "en", guide_version: 1 });
    expect((await call(acknowledgeRoute.POST, { ...ack, body: { language: "de" } })).status).toBe(200);
  });

  it("links a guide to a template and lists the template's guides; unknown target types are 422", async () => {
    const { org, admin, employee } = await setup();
    const { id } = await created(admin);
    const [template] = await db.insert(taskTemplates).values({ name: "Evacuation", entityId: org.company.id }).returning();
    const body = { guideable_type: "task_template", guideable_id: template?.id };
    const links = { path: `/api/guides/${id}/links`, params: { id: String(id) }, token: admin };
    expect((await call(linksRoute.POST, { ...links, method: "POST", body })).status).toBe(201);
    expect((await call(linksRoute.POST, { ...links, method: "POST", body })).status).toBe(200);
    expect((await call(linksRoute.GET, links)).json.items).toHaveLength(1);
    const listed = await call(guideablesRoute.GET, { path: `/api/guideables?type=task_template&id=${template?.id}&lang=de`, token: employee });
    expect(listed.status).toBe(200);
    expect(listed.json.items).toMatchObject([{ id, title: "Feueralarm", language: "de" }]);
    expect((await call(guideablesRoute.GET, { path: `/api/guideables?type=users&id=1`, token: employee })).status).toBe(422);
    expect((await call(linksRoute.DELETE, { ...links, method: "DELETE", body })).status).toBe(204);
  });

  it("lists the languages and formats for everyone who reads guides", async () => {
    const { employee } = await setup();
    const langs = await call(languagesRoute.GET, { path: "/api/languages", token: employee });
    expect(langs.status).toBe(200);
    expect(langs.json.items?.map((l) => l.code)).toEqual(expect.arrayContaining(["de", "en"]));
    const formats = await call(formatsRoute.GET, { path: "/api/formats", token: employee });
    expect(formats.json.items?.map((f) => f.code)).toEqual(["text", "video", "interactive"]);
  });
});
