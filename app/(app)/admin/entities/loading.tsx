import { TableSkeleton } from "@/components/admin/skeletons";

export default function Loading() {
  return <TableSkeleton label="Loading the organisation…" />;
}
