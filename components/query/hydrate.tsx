// Server pages hand what they read from the services to the browser's query cache under the same
// keys the client components query, so interactive parts start from server data.
import { dehydrate, HydrationBoundary, QueryClient, type QueryKey } from "@tanstack/react-query";
import type { ReactNode } from "react";

export type Prefetched = readonly (readonly [QueryKey, unknown])[];

export function Hydrate({ entries, children }: { entries: Prefetched; children: ReactNode }) {
  const client = new QueryClient();
  for (const [key, data] of entries) client.setQueryData(key, data);
  return <HydrationBoundary state={dehydrate(client)}>{children}</HydrationBoundary>;
}
