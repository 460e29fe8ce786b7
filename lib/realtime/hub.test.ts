// The live feed end to end in one process: a real HTTP server with the hub on /api/ws, real
// WebSocket clients with API tokens, events written through the outbox in transactions.
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createOrganisation, createUser } from "../../test/factories";
import { openTestProcessDatabase } from "../../test/use-database";
import type { Principal } from "../auth/principal";
import { createApiToken } from "../auth/tokens";
import { emitEvent } from "./outbox";
import { startTestHub } from "./test-hub";

// Token checks count uses in the rate limiter, which reads the process database.
const database = await openTestProcessDatabase();
const { db } = database;
const { hub, wsUrl } = await startTestHub(database, { pollMs: 200 });

type Message = Record<string, unknown> & { type: string };

/** A client that records every message and can wait for the next one matching a predicate. */
class Client {
  readonly messages: Message[] = [];
  private waiters: { test: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];
  constructor(readonly ws: WebSocket) {
    ws.on("message", (data) => {
      const message = JSON.parse((data as Buffer).toString("utf8")) as Message;
      this.messages.push(message);
      this.waiters = this.waiters.filter((w) => (w.test(message) ? (w.resolve(message), false) : true));
    });
  }
  next(test: (m: Message) => boolean, timeoutMs = 10_000): Promise<Message> {
    const seen = this.messages.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching message; got ${JSON.stringify(this.messages)}`)), timeoutMs);
      this.waiters.push({
        test,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }
  events(): Message[] {
    return this.messages.filter((m) => m.type === "event");
  }
  send(message: Record<string, unknown>) {
    this.ws.send(JSON.stringify(message));
  }
  close() {
    this.ws.close();
    return new Promise((resolve) => this.ws.once("close", resolve));
  }
}

async function tokenOf(principal: Principal): Promise<string> {
  return (await createApiToken(db, principal, { name: "ws", scopes: ["read"] })).token;
}

async function connect(token: string, query = ""): Promise<Client> {
  const ws = new WebSocket(`${wsUrl}${query}`, { headers: { authorization: `Bearer ${token}` } });
  const client = new Client(ws);
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  await client.next((m) => m.type === "welcome");
  return client;
}

async function subscribe(client: Client, topics: string[], lastEventId?: number) {
  client.send({ type: "subscribe", topics, ...(lastEventId === undefined ? {} : { last_event_id: lastEventId }) });
  return client.next((m) => m.type === "subscribed" && (m.topics as string[]).includes(topics[0] ?? ""));
}

/** Writes one event the way services do: inside a transaction, about a user in an entity. */
async function emit(userId: number, entityId: number, marker: string, projectId: number | null = null): Promise<void> {
  await db.transaction((tx) => emitEvent(tx, { type: "test.marker", entityId, userId, projectId, actorId: userId, payload: { marker } }));
  hub.wake();
}

const markers = (client: Client) => client.events().map((e) => (e.payload as { marker: string }).marker);

describe("/api/ws", () => {
  it("refuses an upgrade without credentials (401) or with an unknown token", async () => {
    for (const headers of [{}, { authorization: "Bearer gwt_not-a-real-token" }]) {
      const ws = new WebSocket(wsUrl, { headers });
      const status = await new Promise<number>((resolve) => {
        ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
        ws.once("open", () => resolve(101));
      });
      expect(status).toBe(401);
    }
  });

  it("refuses an employee's subscription to another employee's topic or an entity, and grants their own", async () => {
    const org = await createOrganisation(db);
    const client = await connect(await tokenOf(org.employee.principal));
    client.send({ type: "subscribe", topics: [`user:${org.peer.user.id}`, `entity:${org.department.id}`, `user:${org.employee.user.id}`, "bogus"] });
    const answer = await client.next((m) => m.type === "subscribed");
    expect(answer.topics).toEqual([`user:${org.employee.user.id}`]);
    expect(answer.refused).toEqual([
      { topic: `user:${org.peer.user.id}`, reason: "not_found" },
      { topic: `entity:${org.department.id}`, reason: "not_found" },
      { topic: "bogus", reason: "invalid" },
    ]);
    await client.close();
  });

  it("delivers an event to the clients allowed to see it and to no one else", async () => {
    const org = await createOrganisation(db);
    const employee = await connect(await tokenOf(org.employee.principal));
    const peer = await connect(await tokenOf(org.peer.principal));
    const manager = await connect(await tokenOf(org.manager.principal));
    const stranger = await createOrganisation(db);
    const otherAdmin = await connect(await tokenOf(stranger.admin.principal));
    await subscribe(employee, [`user:${org.employee.user.id}`]);
    await subscribe(peer, [`user:${org.peer.user.id}`]);
    await subscribe(manager, [`team:${org.manager.user.id}`]);
    await subscribe(otherAdmin, [`entity:${stranger.company.id}`]);

    await emit(org.employee.user.id, org.department.id, "for-employee");
    await emit(org.peer.user.id, org.department.id, "for-peer");
    await employee.next((m) => m.type === "event" && (m.payload as { marker: string }).marker === "for-employee");
    await peer.next((m) => m.type === "event" && (m.payload as { marker: string }).marker === "for-peer");
    await manager.next((m) => m.type === "event" && (m.payload as { marker: string }).marker === "for-peer");
    // A marker event in the stranger's organisation proves their client was live all along.
    await emit(stranger.employee.user.id, stranger.department.id, "stranger-own");
    await otherAdmin.next((m) => m.type === "event" && (m.payload as { marker: string }).marker === "stranger-own");

    expect(markers(employee)).toEqual(["for-employee"]);
    expect(markers(peer)).toEqual(["for-peer"]);
    expect(markers(manager)).toEqual(["for-employee", "for-peer"]);
    expect(markers(otherAdmin)).toEqual(["stranger-own"]);
    for (const client of [employee, peer, manager, otherAdmin]) await client.close();
  });

  it("gives a reconnecting client exactly the events it missed, in order, then live ones", async () => {
    const org = await createOrganisation(db);
    const token = await tokenOf(org.employee.principal);
    const topic = `user:${org.employee.user.id}`;
    const first = await connect(token);
    await subscribe(first, [topic]);
    await emit(org.employee.user.id, org.department.id, "seen");
    const seen = await first.next((m) => m.type === "event");
    await first.close();

    const missed = ["m1", "m2", "m3", "m4", "m5"];
    for (const marker of missed) await emit(org.employee.user.id, org.department.id, marker);
    // Someone else's event in between is not the client's to receive.
    await emit(org.peer.user.id, org.department.id, "not-mine");

    const again = await connect(token, `?topics=${topic}&last_event_id=${String(seen.id)}`);
    const caughtUp = await again.next((m) => m.type === "caught_up");
    expect(caughtUp.count).toBe(missed.length);
    expect(markers(again)).toEqual(missed);
    const ids = again.events().map((e) => e.id as number);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);

    await emit(org.employee.user.id, org.department.id, "live");
    await again.next((m) => m.type === "event" && (m.payload as { marker: string }).marker === "live");
    expect(markers(again)).toEqual([...missed, "live"]);
    await again.close();
  });

  // Only PostgreSQL runs transactions side by side; the embedded database serialises them.
  it.runIf(process.env.DATABASE_URL)("holds back an event committed before an older transaction's, then sends both in that transaction order", async () => {
    const org = await createOrganisation(db);
    const client = await connect(await tokenOf(org.employee.principal));
    await subscribe(client, [`user:${org.employee.user.id}`]);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const wroteFirst = new Promise<void>((resolve) => (written = resolve));
    const older = db.transaction(async (tx) => {
      await emitEvent(tx, { type: "test.marker", entityId: org.department.id, userId: org.employee.user.id, actorId: null, payload: { marker: "older" } });
      written();
      await held;
    });
    await wroteFirst;
    await emit(org.employee.user.id, org.department.id, "newer");
    // The newer event is committed, yet nothing is sent while the older transaction may still add behind it.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(markers(client)).toEqual([]);
    release();
    await older;
    hub.wake();
    await client.next((m) => m.type === "event" && (m.payload as { marker: string }).marker === "newer");
    expect(markers(client)).toEqual(["older", "newer"]);
    await client.close();
  });

  it("asks a client whose last event is no longer kept to reload", async () => {
    const org = await createOrganisation(db);
    const token = await tokenOf(org.employee.principal);
    const client = await connect(token, `?topics=user:${org.employee.user.id}&last_event_id=999999999`);
    const reload = await client.next((m) => m.type === "reload");
    expect(String(reload.reason)).toMatch(/no longer kept/);
    await client.close();
  });

  it("grants a manager their reports' topics and refuses users and teams outside their scope", async () => {
    const org = await createOrganisation(db);
    const outsider = await createUser(db, (await createOrganisation(db)).department);
    const manager = await connect(await tokenOf(org.manager.principal));
    manager.send({ type: "subscribe", topics: [`user:${org.employee.user.id}`, `user:${outsider.id}`, `team:${org.admin.user.id}`] });
    const answer = await manager.next((m) => m.type === "subscribed");
    expect(answer.topics).toEqual([`user:${org.employee.user.id}`]);
    expect((answer.refused as { topic: string }[]).map((r) => r.topic)).toEqual([`user:${outsider.id}`, `team:${org.admin.user.id}`]);
    await manager.close();
  });
});
