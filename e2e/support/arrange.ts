// Data a spec needs, arranged through the REST API as the people who may make it: the manager
// assigns a fresh task from a published template to the demo employee, inside her program.
import type { APIRequestContext } from "@playwright/test";
import { apiJson } from "./auth";

type Page<T> = { items: T[] };
type Task = { id: number; name: string; status: string | null; version: number; checklists: { id: number; items: { id: number; title: string }[] }[] };

export async function meOf(api: APIRequestContext): Promise<{ id: number; name: string }> {
  return apiJson(api, "GET", "/api/me");
}

/** Assigns the published template named `templateName` to the employee in her running program; returns the new task. */
export async function assignTemplateTask(managerApi: APIRequestContext, employeeApi: APIRequestContext, templateName: string): Promise<Task> {
  const employee = await meOf(employeeApi);
  const templates = await apiJson<Page<{ id: number; name: string }>>(managerApi, "GET", `/api/task-templates?is_draft=false&limit=100&q=${encodeURIComponent(templateName)}`);
  const template = templates.items.find((t) => t.name === templateName);
  if (!template) throw new Error(`no published template "${templateName}"`);
  const projects = await apiJson<Page<{ id: number; completed_at: string | null }>>(managerApi, "GET", `/api/projects?onboardee_id=${employee.id}`);
  const project = projects.items.find((p) => p.completed_at === null);
  const assigned = await apiJson<{ tasks: { id: number }[] }>(managerApi, "POST", "/api/tasks/assign", {
    template_id: template.id,
    user_ids: [employee.id],
    ...(project ? { project_id: project.id } : {}),
  });
  const id = assigned.tasks[0]?.id;
  if (id === undefined) throw new Error("the assignment created no task");
  return apiJson<Task>(employeeApi, "GET", `/api/tasks/${id}`);
}

/** A new published guide (English and German) linked to a checklist item, which it then validates. */
export async function linkNewGuide(adminApi: APIRequestContext, itemId: number, title: string): Promise<{ id: number }> {
  const guide = await apiJson<{ id: number }>(adminApi, "POST", "/api/guides", {
    name: title,
    format: "text",
    is_published: true,
    translations: [
      { language: "en", title, body: "# Disk encryption check\n\nOpen **FileVault** (macOS) or **Device encryption** (Windows) and confirm it says *On*.\n\n- Keep the recovery key in the password manager.\n- IT checks the setting within a day." },
      { language: "de", title: `${title} (DE)`, body: "# Prüfung der Verschlüsselung\n\nÖffne **FileVault** (macOS) oder **Geräteverschlüsselung** (Windows) und prüfe, dass sie *Ein* ist." },
    ],
  });
  await apiJson(adminApi, "POST", `/api/guides/${guide.id}/links`, { guideable_type: "checklist_item", guideable_id: itemId });
  return guide;
}
