// The guides REST routes end to end through the route wrapper: bearer tokens, status codes
// (201 create / 200 replace), ETag and If-Match, If-None-Match, idempotent POSTs, problem+json
// field errors, and the reference lists.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { guides, taskTemplates } from "../../db/schema";
import { createOrganisation } from "../../test/factories";
import { type JsonObject, openRouteTestDatabase, routeCaller } from "../../test/route-harness";
import * as acknowledgeRoute from "../../app/api/guides/[id]/acknowledge/route";
import * as linksRoute from "../../app/api/guides/[id]/links/route";
import * as guideRoute from "../../app/api/guides/[id]/route";
import * as translationRoute from "../../app/api/guides/[id]/translations/[language]/route";
import * as guidesRoute from "../../app/api/guides/route";
import * as guideablesRoute from "../../app/api/guideables/route";
import * as formatsRoute from "../../app/api/formats/route";
import * as languagesRoute from "../../app/api/languages/route";

const { db, tokenOf } = await openRouteTestDatabase("guides-routes-test");
const call = routeCaller((json) => json as JsonObject & { items?: JsonObject[] });

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
  return { org, admin: await tokenOf(org.admin.user, ["read", "write", "admin"]), employee: await tokenOf(org.employee.user) };
}

async function created(token: string, body: unknown = newGuide) {
  const answer = await call(guidesRoute.POST, token, { method: "POST", path: "/api/guides", body });
  expect(answer.status).toBe(201);
  return answer.body as { id: number; version: number };
}

describe("guides routes", () => {
  it("creates (201 with ETag), reads in the requested language and refuses employees (403)", async () => {
    const { admin, employee } = await setup();
    const post = await call(guidesRoute.POST, admin, { method: "POST", path: "/api/guides", body: newGuide });
    expect(post.status).toBe(201);
    expect(post.headers.get("etag")).toBe('"1"');
    const id = String(post.body.id);
    const read = await call(guideRoute.GET, employee, { path: `/api/guides/${id}?lang=de`, params: { id } });
    expect(read.status).toBe(200);
    expect(read.headers.get("content-language")).toBe("de");
    expect(read.body).toMatchObject({ language: "de", language_source: "requested", available_languages: ["de", "en"] });
    expect((await call(guidesRoute.POST, employee, { method: "POST", path: "/api/guides", body: newGuide })).status).toBe(403);
  });

  it("answers invalid input with problem+json field errors (422): http video, unknown field", async () => {
    const { admin } = await setup();
    const video = { ...newGuide, format: "video", translations: [{ language: "en", title: "Watch", media_url: "http://cdn.example.com/a.mp4" }] };
    const answer = await call(guidesRoute.POST, admin, { method: "POST", path: "/api/guides", body: video });
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual([expect.objectContaining({ path: "translations.0.media_url" })]);
    expect((await call(guidesRoute.POST, admin, { method: "POST", path: "/api/guides", body: { ...newGuide, created_by: 1 } })).status).toBe(422);
  });

  it("replays a POST with the same Idempotency-Key instead of creating a second guide", async () => {
    const { admin } = await setup();
    const headers = { "idempotency-key": `guide-${randomBytes(6).toString("hex")}` };
    const body = { ...newGuide, name: `Once ${randomBytes(4).toString("hex")}` };
    const first = await call(guidesRoute.POST, admin, { method: "POST", path: "/api/guides", body, headers });
    const second = await call(guidesRoute.POST, admin, { method: "POST", path: "/api/guides", body, headers });
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.body.id).toBe(first.body.id);
    expect(await db.select().from(guides).where(eq(guides.name, body.name))).toHaveLength(1);
  });

  it("updates under If-Match (stale → 412) and deletes (204); a read-only admin token writes nothing (403)", async () => {
    const { org, admin } = await setup();
    const { id } = await created(admin);
    const params = { id: String(id) };
    const path = `/api/guides/${id}`;
    const stale = await call(guideRoute.PATCH, admin, { method: "PATCH", path, params, body: { name: "X" }, headers: { "if-match": '"7"' } });
    expect(stale.status).toBe(412);
    const ok = await call(guideRoute.PATCH, admin, { method: "PATCH", path, params, body: { name: "Fire drill 2" }, headers: { "if-match": '"1"' } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("etag")).toBe('"2"');
    const readOnly = await tokenOf(org.admin.user, ["read"]);
    expect((await call(guideRoute.DELETE, readOnly, { method: "DELETE", path, params })).status).toBe(403);
    expect((await call(guideRoute.DELETE, admin, { method: "DELETE", path, params })).status).toBe(204);
    expect((await call(guideRoute.GET, admin, { path, params })).status).toBe(404);
  });

  it("PUTs translations: 201 creates, 200 replaces, If-None-Match: * refuses to replace (412), the last one stays (409)", async () => {
    const { admin } = await setup();
    const { id } = await created(admin, { ...newGuide, translations: [{ language: "en", title: "Fire drill" }] });
    const at = (language: string) => ({ path: `/api/guides/${id}/translations/${language}`, params: { id: String(id), language } });
    const create = await call(translationRoute.PUT, admin, { ...at("de"), method: "PUT", body: { title: "Feueralarm" } });
    expect(create.status).toBe(201);
    expect(create.headers.get("etag")).toBe('"1"');
    expect((await call(translationRoute.PUT, admin, { ...at("de"), method: "PUT", body: { title: "Feueralarm!" }, headers: { "if-match": '"1"' } })).status).toBe(200);
    expect((await call(translationRoute.PUT, admin, { ...at("de"), method: "PUT", body: { title: "Nope" }, headers: { "if-none-match": "*" } })).status).toBe(412);
    expect((await call(translationRoute.PUT, admin, { ...at("xx"), method: "PUT", body: { title: "?" } })).status).toBe(422);
    expect((await call(translationRoute.GET, admin, at("de"))).body).toMatchObject({ title: "Feueralarm!", version: 2 });
    expect((await call(translationRoute.DELETE, admin, { ...at("de"), method: "DELETE" })).status).toBe(204);
    expect((await call(translationRoute.DELETE, admin, { ...at("en"), method: "DELETE" })).status).toBe(409);
  });

  it("acknowledges with 201 the first time and 200 after, with or without a body", async () => {
    const { admin, employee } = await setup();
    const { id } = await created(admin);
    const ack = { method: "POST", path: `/api/guides/${id}/acknowledge`, params: { id: String(id) } };
    const first = await call(acknowledgeRoute.POST, employee, ack);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ guide_id: id, language: "en", guide_version: 1 });
    expect((await call(acknowledgeRoute.POST, employee, { ...ack, body: { language: "de" } })).status).toBe(200);
  });

  it("links a guide to a template and lists the template's guides; unknown target types are 422", async () => {
    const { org, admin, employee } = await setup();
    const { id } = await created(admin);
    const [template] = await db.insert(taskTemplates).values({ name: "Evacuation", entityId: org.company.id }).returning();
    const body = { guideable_type: "task_template", guideable_id: template?.id };
    const links = { path: `/api/guides/${id}/links`, params: { id: String(id) } };
    expect((await call(linksRoute.POST, admin, { ...links, method: "POST", body })).status).toBe(201);
    expect((await call(linksRoute.POST, admin, { ...links, method: "POST", body })).status).toBe(200);
    expect((await call(linksRoute.GET, admin, links)).body.items).toHaveLength(1);
    const listed = await call(guideablesRoute.GET, employee, { path: `/api/guideables?type=task_template&id=${template?.id}&lang=de` });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toMatchObject([{ id, title: "Feueralarm", language: "de" }]);
    expect((await call(guideablesRoute.GET, employee, { path: `/api/guideables?type=users&id=1` })).status).toBe(422);
    expect((await call(linksRoute.DELETE, admin, { ...links, method: "DELETE", body })).status).toBe(204);
  });

  it("lists the languages and formats for everyone who reads guides", async () => {
    const { employee } = await setup();
    const langs = await call(languagesRoute.GET, employee, { path: "/api/languages" });
    expect(langs.status).toBe(200);
    expect(langs.body.items?.map((l) => l.code)).toEqual(expect.arrayContaining(["de", "en"]));
    const formats = await call(formatsRoute.GET, employee, { path: "/api/formats" });
    expect(formats.body.items?.map((f) => f.code)).toEqual(["text", "video", "interactive"]);
  });
});
