// The report form's choices: every one offered is a scope the reports service accepts from the
// reader, and nothing outside the reader's scope is offered.
import { describe, expect, it } from "vitest";
import { professions } from "../../../db/schema";
import { expectApiError } from "../../../test/api-errors";
import { openTestDatabase } from "../../../test/db";
import { createEntity, createOrganisation, createProgram, createUser, unique } from "../../../test/factories";
import { createReport } from "../../reports/service";
import { reportScopeOptions } from "./report-options";

const { db } = await openTestDatabase();

async function world() {
  const org = await createOrganisation(db);
  const sibling = await createEntity(db, { parent: org.company });
  const outsider = await createUser(db, sibling, { name: unique("Outsider") });
  const [job] = await db.insert(professions).values({ name: unique("Profession"), entityId: org.company.id }).returning();
  const program = await createProgram(db, { entityId: org.company.id, milestones: [{ name: "Week 1", offset: 0, duration: 5, tasks: [{ name: "A" }] }] });
  const draft = await createProgram(db, { entityId: org.company.id, isDraft: true, milestones: [{ name: "Week 1", offset: 0, duration: 5, tasks: [{ name: "B" }] }] });
  const foreign = await createOrganisation(db);
  const [foreignJob] = await db.insert(professions).values({ name: unique("Profession"), entityId: foreign.company.id }).returning();
  return { org, sibling, outsider, job, program, draft, foreign, foreignJob };
}

describe("report scope options", () => {
  it("offers only what the reader sees, and each offer makes a report", async () => {
    const w = await world();
    const options = await reportScopeOptions(db, w.org.manager.principal);
    const ids = (type: keyof typeof options) => options[type].map((o) => o.id);

    expect(ids("team")[0]).toBe(w.org.manager.user.id);
    expect(ids("user")).toEqual(expect.arrayContaining([w.org.employee.user.id, w.org.peer.user.id, w.org.manager.user.id]));
    expect(ids("user")).not.toContain(w.outsider.id);
    expect(ids("user")).not.toContain(w.foreign.employee.user.id);
    expect(ids("entity")).toEqual([w.org.department.id]);
    expect(options.entity[0]?.depth).toBe(0);
    expect(ids("profession")).toContain(w.job?.id);
    expect(ids("profession")).not.toContain(w.foreignJob?.id);
    expect(ids("project_template")).toContain(w.program.templateId);
    expect(ids("project_template")).not.toContain(w.draft.templateId);

    for (const type of Object.keys(options) as (keyof typeof options)[]) {
      for (const option of options[type]) {
        const report = await createReport(db, w.org.manager.principal, { scope: { type, id: option.id }, include: ["completion"] });
        expect(report.scope_name).toBe(option.label);
      }
    }
  });

  it("indents an admin's entities below their own, and is refused to employees", async () => {
    const w = await world();
    const options = await reportScopeOptions(db, w.org.admin.principal);
    expect(options.entity.map((e) => [e.id, e.depth])).toEqual(
      expect.arrayContaining([
        [w.org.company.id, 0],
        [w.org.department.id, 1],
        [w.sibling.id, 1],
      ]),
    );
    expect(options.user.map((u) => u.id)).toContain(w.outsider.id);
    await expectApiError(reportScopeOptions(db, w.org.employee.principal), "forbidden");
  });
});
