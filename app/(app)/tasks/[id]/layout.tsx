import { visibleTask } from "./load";

// Above the pages' loading states, so a task out of reach is a 404 before anything streams.
export default async function TaskLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  await visibleTask((await params).id);
  return children;
}
