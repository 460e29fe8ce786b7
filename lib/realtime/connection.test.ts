// A resuming client's Connection driven by hand: what it is sent when live events reach it at any
// moment of its catch-up, and when the catch-up fails half way. Events are written through the
// outbox in transactions; the hub's part (its cursor, its delivery) is played by the test.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { WebSocket } from "ws";
import { createOrganisation } from "../../test/factories";
import { openTestDatabase } from "../../test/db";
import { Connection } from "./connection";
import { cursorOf, FEED_START, readFeed } from "./feed";
import { emitEvent } from "./outbox";
import { loadAudience } from "./policy";

const { db } = await openTestDatabase();

type Message = Record<string, unknown> & { type: string };

/** Writes one event the way services do: inside a transaction, about a user in an entity. */
async function emit(userId: number, entityId: number, marker: string): Promise<void> {
  await db.transaction((tx) => emitEvent(tx, { type: "test.marker", entityId, userId, projectId: null, actorId: userId, payload: { marker } }));
}

describe("a resuming connection", () => {
  it("sends a resuming client each missed event once and in order, whenever live events arrive during its catch-up", async () => {
    const org = await createOrganisation(db);
    const principal = org.employee.principal;
    const userId = org.employee.user.id;
    for (const marker of ["seen", "m1", "m2", "m3", "m4", "m5"]) await emit(userId, org.department.id, marker);
    const feed = (await readFeed(db, FEED_START, { limit: 10_000, where: sql`user_id = ${userId}` })).events;
    const [seen, , , m3, m4, m5] = feed;
    if (!seen || !m3 || !m4 || !m5) throw new Error("the six events were not written");
    const audience = await loadAudience(db, principal);
    const limits = { maxBufferedBytes: 1 << 20, maxPendingEvents: 100, maxTopics: 10, catchUpPage: 2 };

    // The hub has pumped up to m3 when the client connects; m4 and m5 reach it after `ticks`
    // turns of the event loop, which walks the live delivery through every stage of the resume.
    const state = { resolvedFirst: false, done: false };
    for (let ticks = 0; !state.resolvedFirst; ticks += 1) {
      const sent: Message[] = [];
      const socket = { OPEN: 1, readyState: 1, bufferedAmount: 0, send: (text: string) => sent.push(JSON.parse(text) as Message), close() {}, terminate() {} };
      let hubCursor = cursorOf(m3);
      const connection = new Connection(socket as unknown as WebSocket, principal, audience, hubCursor, limits, () => Promise.resolve(principal));
      const resuming = connection.subscribe(db, [`user:${userId}`], seen.id, () => hubCursor);
      state.done = false;
      void resuming.then(() => (state.done = true));
      const pending = () => !state.done;
      for (let turn = 0; turn < ticks && pending(); turn += 1) await new Promise((next) => setImmediate(next));
      state.resolvedFirst = state.done;
      for (const event of [m4, m5]) {
        hubCursor = cursorOf(event);
        connection.deliver(event);
      }
      await resuming;
      const markersSent = sent.filter((m) => m.type === "event").map((m) => (m.payload as { marker: string }).marker);
      expect({ ticks, markersSent }).toEqual({ ticks, markersSent: ["m1", "m2", "m3", "m4", "m5"] });
    }
  });

  it("closes a resuming client whose catch-up fails (1011) rather than sending it live events past the gap", async () => {
    const org = await createOrganisation(db);
    const principal = org.employee.principal;
    await emit(org.employee.user.id, org.department.id, "before");
    const [before] = (await readFeed(db, FEED_START, { limit: 10_000, where: sql`user_id = ${org.employee.user.id}` })).events;
    if (!before) throw new Error("no event written");
    const sent: Message[] = [];
    const closed: number[] = [];
    const socket = { OPEN: 1, readyState: 1, bufferedAmount: 0, send: (text: string) => sent.push(JSON.parse(text) as Message), close: (code: number) => closed.push(code), terminate() {} };
    const limits = { maxBufferedBytes: 1 << 20, maxPendingEvents: 100, maxTopics: 10, catchUpPage: 10 };
    const connection = new Connection(socket as unknown as WebSocket, principal, await loadAudience(db, principal), FEED_START, limits, () => Promise.resolve(principal));
    // Every use of this database fails, as when PostgreSQL goes away in the middle of a resume.
    const gone = new Proxy(db, {
      get() {
        throw new Error("the database went away");
      },
    });
    const resuming = connection.subscribe(gone, [`user:${org.employee.user.id}`], before.id, () => cursorOf(before));
    connection.deliver({ ...before, id: before.id + 1_000_000, txId: before.txId + 1_000_000 });
    await expect(resuming).rejects.toThrow("the database went away");
    expect(closed).toEqual([1011]);
    expect(sent.filter((m) => m.type === "event")).toEqual([]);
  });
});
