import { TableSkeleton } from "@/components/admin/skeletons";

export default function Loading() {
  return <TableSkeleton label="Loading person…" rows={3} />;
}
