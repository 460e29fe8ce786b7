// The approvals inbox reads under the key factory's requests key, so what refreshes task requests
// (a decision made here, a live event of a new request) refreshes the inbox too, and nothing else does.
import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { keysForEvent } from "@/components/live/live-cache";
import { queryKeys } from "@/components/query/query-keys";
import { approvalsKey } from "./approvals-query";

function cachedInbox(): QueryClient {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  client.setQueryData(approvalsKey, { items: [], next_cursor: null });
  return client;
}

const inboxIsStale = (client: QueryClient) => client.getQueryState(approvalsKey)?.isInvalidated === true;

describe("the approvals inbox's query key", () => {
  it("is the factory's key for decidable requests, under the requests prefix", () => {
    expect(approvalsKey).toEqual(queryKeys.requests.decidable());
    expect(approvalsKey.slice(0, queryKeys.requests.all.length)).toEqual(queryKeys.requests.all);
    expect(approvalsKey).not.toEqual(queryKeys.requests.list("mine"));
  });

  it("goes stale when task requests are invalidated, by the page or by a live request event", async () => {
    const direct = cachedInbox();
    await direct.invalidateQueries({ queryKey: queryKeys.requests.all });
    expect(inboxIsStale(direct)).toBe(true);

    const live = cachedInbox();
    for (const queryKey of keysForEvent({ event: "task_request.created", payload: {} })) await live.invalidateQueries({ queryKey });
    expect(inboxIsStale(live)).toBe(true);
  });

  it("stays fresh when other areas change", async () => {
    const client = cachedInbox();
    for (const queryKey of [queryKeys.tasks.all, queryKeys.scores.all, queryKeys.reviews.all]) await client.invalidateQueries({ queryKey });
    expect(inboxIsStale(client)).toBe(false);
  });
});
