// The program page's data, read once per request for the layout, the page and its metadata. The
// layout only checks that the program is visible, so a program out of reach answers 404 before
// anything streams, while the page's loading state shows as the rest is read.
import "server-only";
import { cache } from "react";
import { listProfessions } from "@/lib/entities/professions";
import { listGuides } from "@/lib/guides/service";
import { getProjectTemplate } from "@/lib/templates/project-templates";
import { programPage } from "@/lib/views/admin/programs";
import { readByIdOrNotFound } from "../../read-by-id";

const access = (id: string) => ({ permission: "templates:write", from: `/admin/templates/${id}` }) as const;

export const assertProgramVisible = cache(async (id: string) => (await readByIdOrNotFound(id, access(id), getProjectTemplate)).row);

export const loadProgramPage = cache(async (id: string) => {
  const { row: page, db, principal } = await readByIdOrNotFound(id, access(id), programPage);
  const [professions, guides] = await Promise.all([
    listProfessions(db, principal, { is_active: true, limit: 100 }),
    listGuides(db, principal, { limit: 100 }),
  ]);
  return {
    ...page,
    professions: professions.items.map((p) => ({ id: p.id, name: p.name })),
    guides: guides.items.map((g) => ({ id: g.id, title: g.title })),
  };
});
