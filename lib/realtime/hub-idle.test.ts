// A hub nobody listens to reads nothing: writes wake it, but with no socket open it sends no query.
// The next client starts at the head of the feed (not at where the pump stopped), gets what is
// committed after it connected, and nothing from before.
import { desc } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { events } from "../../db/schema";
import { createOrganisation } from "../../test/factories";
import { openTestProcessDatabase } from "../../test/use-database";
import { createApiToken } from "../auth/tokens";
import { startTestHub } from "./test-hub";
import { emitEvent } from "./outbox";

const database = await openTestProcessDatabase();
const { db } = database;
/** Statements the hub sent through its handle (the test's own writes go through `db`). */
let hubQueries = 0;
const counted = new Proxy(db, {
  get(target, property, receiver) {
    if (property === "execute") hubQueries += 1;
    return Reflect.get(target, property, receiver) as unknown;
  },
});
const { hub, wsUrl } = await startTestHub({ ...database, db: counted }, { pollMs: 60_000 });

type Message = { type: string; last_event_id?: number; payload?: { marker?: string } };

type Organisation = Awaited<ReturnType<typeof createOrganisation>>;

/** Writes one event the way services do (in a transaction) and wakes the hub, as NOTIFY would. */
async function emit(org: Organisation, marker: string): Promise<void> {
  await db.transaction((tx) =>
    emitEvent(tx, { type: "test.marker", entityId: org.department.id, userId: org.employee.user.id, projectId: null, actorId: org.employee.user.id, payload: { marker } }),
  );
  hub.wake();
}

/** Lets the hub's pump run to its end (it is woken without being awaited). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe("a hub with no sockets", () => {
  it("reads no events while nobody listens, and starts the next client at the head of the feed", async () => {
    const org = await createOrganisation(db);
    const token = (await createApiToken(db, org.employee.principal, { name: "ws", scopes: ["read"] })).token;
    await settle();

    const before = hubQueries;
    for (const marker of ["old-1", "old-2", "old-3"]) await emit(org, marker);
    await settle();
    expect(hubQueries - before).toBe(0);

    const ws = new WebSocket(wsUrl, { headers: { authorization: `Bearer ${token}` } });
    const messages: Message[] = [];
    ws.on("message", (data) => messages.push(JSON.parse((data as Buffer).toString("utf8")) as Message));
    const until = async (test: (m: Message) => boolean) => {
      for (let i = 0; i < 200 && !messages.some(test); i++) await new Promise((resolve) => setTimeout(resolve, 25));
      const found = messages.find(test);
      if (!found) throw new Error(`no matching message; got ${JSON.stringify(messages)}`);
      return found;
    };
    const welcome = await until((m) => m.type === "welcome");
    const [newest] = await db.select({ id: events.id }).from(events).orderBy(desc(events.id)).limit(1);
    expect(welcome.last_event_id).toBe(newest?.id);

    ws.send(JSON.stringify({ type: "subscribe", topics: [`user:${org.employee.user.id}`] }));
    await until((m) => m.type === "subscribed");
    await emit(org, "live");
    await until((m) => m.type === "event");
    await settle();
    expect(messages.filter((m) => m.type === "event").map((m) => m.payload?.marker)).toEqual(["live"]);

    ws.close();
    await new Promise((resolve) => ws.once("close", resolve));
    await settle();
    const idleAgain = hubQueries;
    await emit(org, "after");
    await settle();
    expect(hubQueries - idleAgain).toBe(0);
  });
});
