import { assertProgramVisible } from "./load";

export default async function ProgramLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  await assertProgramVisible((await params).id);
  return children;
}
