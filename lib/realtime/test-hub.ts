// A hub on a real HTTP server on a free port, for the live-feed tests: `/api/ws` upgrades go to the
// hub, anything else is refused. Call it at the top of a test file after opening its database; the
// hub and server stop after the file's last test, before the database closes.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll } from "vitest";
import type { Database } from "../../db/client";
import { type HubOptions, RealtimeHub, WS_PATH } from "./hub";

export async function startTestHub(database: Database, options: Partial<HubOptions>): Promise<{ hub: RealtimeHub; wsUrl: string }> {
  const hub = new RealtimeHub(database, { log: () => undefined, ...options });
  await hub.start();
  const server = createServer((_req, res) => res.writeHead(404).end());
  server.on("upgrade", (req, socket, head) => {
    if ((req.url ?? "").startsWith(WS_PATH)) void hub.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  afterAll(async () => {
    await hub.stop();
    await new Promise((resolve) => server.close(resolve));
  });
  return { hub, wsUrl: `ws://127.0.0.1:${(server.address() as AddressInfo).port}${WS_PATH}` };
}
