import { requirePrincipal } from "@/lib/auth/session";

// The manager pages are for managers and admins. The gate sits in the layout, outside every page's
// loading.tsx boundary, so anyone else gets a real 404 status, not a streamed 200 that renders the
// not-found page. Each page checks its own permission again.
export default async function ManagerLayout({ children }: { children: React.ReactNode }) {
  await requirePrincipal("scores:read");
  return children;
}
