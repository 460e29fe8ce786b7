import { requirePrincipal } from "@/lib/auth/session";

// The permission gate sits in the layout, outside the loading.tsx boundary, so a caller without
// it gets a real 404 status instead of a streamed 200 that renders the not-found page.
export default async function Layout({ children }: { children: React.ReactNode }) {
  await requirePrincipal("audit:read", "/admin/audit");
  return children;
}
