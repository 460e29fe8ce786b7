import { assertTaskVisible } from "./load";

export default async function TaskLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  await assertTaskVisible((await params).id);
  return children;
}
