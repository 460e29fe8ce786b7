import { redirect } from "next/navigation";
import { visibleStep } from "../../load";

// Above the step page's loading state: a step that is not the task's is a 404, and a reading or
// checklist step (done on the task page itself) a redirect, both before anything streams.
export default async function StepLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string; stepId: string }> }) {
  const { id, stepId } = await params;
  const { task, step } = await visibleStep(id, stepId);
  if (step.kind !== "quiz" && step.kind !== "submission") redirect(`/tasks/${task.id}`);
  return children;
}
