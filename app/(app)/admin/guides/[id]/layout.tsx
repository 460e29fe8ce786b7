import { assertGuideVisible } from "./load";

export default async function GuideLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  await assertGuideVisible((await params).id);
  return children;
}
