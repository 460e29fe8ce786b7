// POST /api/onboarding/start through the route wrapper: 201 then 200 for the same program, the
// body contract (user_id, project_template_id, nothing else), permissions and Idempotency-Key.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Db } from "../../db/client";
import { POST } from "../../app/api/onboarding/start/route";
import { createTestDatabase } from "../../test/db";
import { createOrganisation, createProgram } from "../../test/factories";
import { installTestProcessDatabase, releaseProcessDatabase } from "../../test/use-database";
import type { Principal } from "../auth/principal";
import { createApiToken } from "../auth/tokens";
import { generateKeyEntry } from "../crypto/keyring";

process.env.GROUNDWORK_ENCRYPTION_KEYS ??= generateKeyEntry("onboarding-route");
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

async function tokenOf(principal: Principal): Promise<string> {
  return (await createApiToken(db, principal, { name: "test", scopes: ["write"] })).token;
}

function post(token: string, body: unknown, headers: Record<string, string> = {}) {
  const request = new Request("http://localhost/api/onboarding/start", {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return POST(request, { params: Promise.resolve({}) });
}

const oneTask = { milestones: [{ name: "M", offset: 0, duration: 1, tasks: [{ name: "T" }] }] };

describe("POST /api/onboarding/start", () => {
  it("answers 201 with the new project, then 200 with created: false for the same program", async () => {
    const org = await createOrganisation(db);
    const { templateId } = await createProgram(db, oneTask);
    const token = await tokenOf(org.manager.principal);

    const first = await post(token, { user_id: org.employee.user.id, project_template_id: templateId });
    expect(first.status).toBe(201);
    const created = (await first.json()) as { created: boolean; project: { id: number; milestones: unknown[] } };
    expect(created.created).toBe(true);
    expect(created.project.milestones).toHaveLength(1);
    expect(first.headers.get("location")).toBe(`/api/projects/${created.project.id}`);

    const second = await post(token, { user_id: org.employee.user.id, project_template_id: templateId });
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ created: false, project: { id: created.project.id } });
  });

  it("replays the stored answer for a repeated Idempotency-Key", async () => {
    const org = await createOrganisation(db);
    const { templateId } = await createProgram(db, oneTask);
    const token = await tokenOf(org.admin.principal);
    const body = { user_id: org.peer.user.id, project_template_id: templateId };
    const first = await post(token, body, { "idempotency-key": "start-peer-1" });
    const replay = await post(token, body, { "idempotency-key": "start-peer-1" });
    expect([first.status, replay.status]).toEqual([201, 201]);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    // The answer's Location comes back with it, on the first answer and on the replay.
    const firstBody = (await first.json()) as { project: { id: number } };
    expect(first.headers.get("location")).toBe(`/api/projects/${firstBody.project.id}`);
    expect(replay.headers.get("location")).toBe(first.headers.get("location"));
    expect(await replay.json()).toEqual(firstBody);
  });

  it("refuses unknown fields, a missing user_id, and employees", async () => {
    const org = await createOrganisation(db);
    const { templateId } = await createProgram(db, oneTask);
    const manager = await tokenOf(org.manager.principal);
    const extra = await post(manager, { user_id: org.employee.user.id, project_template_id: templateId, status_id: 3 });
    expect(extra.status).toBe(422);
    expect((await post(manager, { project_template_id: templateId })).status).toBe(422);
    const employee = await tokenOf(org.employee.principal);
    expect((await post(employee, { user_id: org.employee.user.id, project_template_id: templateId })).status).toBe(403);
  });
});
