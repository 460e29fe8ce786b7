// The guide editor's read: every translation, and each link named so an admin recognises it (a
// template by name and revision, a running checklist item by its task and title); a guide the
// admin cannot read stays not found.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { checklistItems, checklists, projects, tasks } from "../../../db/schema";
import { expectApiError } from "../../../test/api-errors";
import { openTestDatabase } from "../../../test/db";
import { checklistStep, createOrganisation, createProgram, createUser, principalOf, unique } from "../../../test/factories";
import { linkGuide } from "../../guides/links";
import { createGuide } from "../../guides/service";
import { startOnboarding } from "../../onboarding/service";
import { guideEditor } from "./guides";

const { db } = await openTestDatabase();

const translations = (title: string) => [
  { language: "en", title, body: "Read this.", media_url: null },
  { language: "de", title: `${title} (DE)`, body: "Lies das.", media_url: null },
];

describe("guide editor", () => {
  it("lists every translation and names each link by its template or its task and item", async () => {
    const org = await createOrganisation(db);
    const built = await createProgram(db, {
      entityId: org.company.id,
      milestones: [{ name: unique("M"), offset: 0, duration: 5, tasks: [{ name: "Workstation", steps: [checklistStep("parallel", ["Encrypt the disk"])] }] }],
    });
    const guide = await createGuide(db, org.admin.principal, { name: unique("Guide"), format: "text", is_published: true, translations: translations("Encryption") });
    await linkGuide(db, org.admin.principal, { id: guide.id, input: { guideable_type: "project_template", guideable_id: built.templateId } });
    const { project } = await startOnboarding(db, org.admin.principal, { userId: org.employee.user.id, projectTemplateId: built.templateId });
    const [item] = await db
      .select({ id: checklistItems.id })
      .from(checklistItems)
      .innerJoin(checklists, eq(checklists.id, checklistItems.checklistId))
      .innerJoin(tasks, eq(tasks.id, checklists.taskId))
      .innerJoin(projects, eq(projects.id, tasks.projectId))
      .where(eq(projects.id, project.id));
    await linkGuide(db, org.admin.principal, { id: guide.id, input: { guideable_type: "checklist_item", guideable_id: item?.id ?? 0 } });

    const editor = await guideEditor(db, org.admin.principal, { id: guide.id });
    expect(editor.translations.map((t) => [t.language, t.title])).toEqual([
      ["de", "Encryption (DE)"],
      ["en", "Encryption"],
    ]);
    const labels = editor.links.map((l) => [l.guideable_type, l.label, l.revision, l.is_draft]);
    expect(labels).toContainEqual(["checklist_item", "Workstation › Encrypt the disk", null, null]);
    expect(labels.find((l) => l[0] === "project_template")?.slice(2)).toEqual([1, false]);
    expect(editor.languages.map((l) => l.code)).toEqual(expect.arrayContaining(["de", "en"]));
  });

  it("answers a draft of another department, and another organisation's guide, as not found", async () => {
    const org = await createOrganisation(db);
    const other = await createOrganisation(db);
    const departmentAdmin = principalOf(await createUser(db, org.department, { role: "admin" }), org.department);
    const companyDraft = await createGuide(db, org.admin.principal, { name: unique("Draft"), format: "text", is_published: false, translations: translations("Draft") });
    const theirs = await createGuide(db, other.admin.principal, { name: unique("Theirs"), format: "text", is_published: true, translations: translations("Theirs") });

    await expectApiError(guideEditor(db, departmentAdmin, { id: companyDraft.id }), "not_found");
    await expectApiError(guideEditor(db, org.admin.principal, { id: theirs.id }), "not_found");
    expect((await guideEditor(db, org.admin.principal, { id: companyDraft.id })).guide.editable).toBe(true);
  });
});
