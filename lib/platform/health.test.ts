// Readiness for the load balancer: ready while the database answers, and not ready from the
// moment a shutdown begins, so no new requests are routed to a replica that is draining.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { createTestDatabase } from "../../test/db";
import { installTestProcessDatabase, releaseProcessDatabase } from "../../test/use-database";
import { isDraining, liveness, markDraining, readiness } from "./health";

let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
  installTestProcessDatabase(database);
});
afterAll(async () => {
  releaseProcessDatabase();
  await database.close();
});

describe("readiness", () => {
  it("is ready while the database answers and is migrated", async () => {
    const result = await readiness();
    expect(result.ready).toBe(true);
    expect(result.ready && result.database.migrations).toBeGreaterThan(0);
  });

  it("is not ready once the server is draining, while liveness still answers", async () => {
    expect(isDraining()).toBe(false);
    markDraining();
    expect(isDraining()).toBe(true);
    expect(await readiness()).toMatchObject({ ready: false, database: { error: "server shutting down" } });
    expect(liveness().status).toBe("ok");
  });
});
