import { requirePrincipal } from "@/lib/auth/session";

// The gate sits in the layout, outside the loading.tsx boundary, so a signed-out visitor gets a
// real redirect to sign-in (and a caller without the permission a real 404), not a streamed 200.
export default async function Layout({ children }: { children: React.ReactNode }) {
  await requirePrincipal("tokens:manage", "/settings/tokens");
  return children;
}
