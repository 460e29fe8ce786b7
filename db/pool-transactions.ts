// Transactions on node-postgres that always give their connection back.
//
// drizzle-orm 0.45's pool transaction checks a client out, then sends BEGIN outside the
// try/finally that releases it: a connection that dies between the two (a database restart) is
// never returned, the pool shrinks by one slot for good, and pool.end() then waits forever at
// shutdown. A failed ROLLBACK also went back to the pool as if healthy. Here this module checks
// the client out itself, runs Drizzle's transaction on that one client (which then neither
// acquires nor releases anything), and releases it in every case — with the error when the
// connection is broken, so the pool discards it instead of handing it to the next request.
import type { Pool, PoolClient } from "pg";
import type { Db } from "./client";
import { isDatabaseUnavailable } from "./unavailable";

// Each transaction's handle → the handle of the connection it runs on: a statement prepared on the
// connection's handle runs on that connection, so inside the transaction (db/prepared.ts).
const connectionOfTransaction = new WeakMap<object, Db>();

/** The handle of the pooled connection a (top-level) transaction runs on, if it is one of ours. */
export function connectionHandleOf(tx: object): Db | undefined {
  return connectionOfTransaction.get(tx);
}

/** Makes `db.transaction` run on a client checked out and released here. */
export function releaseConnectionsAlways(db: Db, pool: Pool, onClient: (client: PoolClient) => Db): Db {
  // One Drizzle instance per physical connection: building one costs ~1 ms (schema relations).
  const perClient = new WeakMap<PoolClient, Db>();
  const transaction: Db["transaction"] = async (fn, config) => {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      let clientDb = perClient.get(client);
      if (!clientDb) {
        clientDb = onClient(client);
        perClient.set(client, clientDb);
      }
      const onConnection = clientDb;
      return await clientDb.transaction((tx) => {
        connectionOfTransaction.set(tx, onConnection);
        return fn(tx);
      }, config);
    } catch (err) {
      if (isDatabaseUnavailable(err)) broken = err instanceof Error ? err : new Error(String(err));
      throw err;
    } finally {
      client.release(broken);
    }
  };
  db.transaction = transaction;
  return db;
}
