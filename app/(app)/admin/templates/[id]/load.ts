// The program page's data, read once per request for the layout, the page and its metadata. The
// layout only checks that the program is visible, so a program out of reach answers 404 before
// anything streams, while the page's loading state shows as the rest is read.
import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { ApiError } from "@/lib/api/errors";
import { requirePrincipal } from "@/lib/auth/session";
import { listProfessions } from "@/lib/entities/professions";
import { listGuides } from "@/lib/guides/service";
import { getProjectTemplate } from "@/lib/templates/project-templates";
import { templateIdParamsSchema } from "@/lib/templates/validators";
import { programPage } from "@/lib/views/admin/programs";

async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    // A program of another organisation is not found, exactly like one that does not exist.
    if (error instanceof ApiError && error.status === 404) notFound();
    throw error;
  }
}

function programIdOf(id: string): number {
  const parsed = templateIdParamsSchema.safeParse({ id });
  if (!parsed.success) notFound();
  return parsed.data.id;
}

export const assertProgramVisible = cache(async (id: string) => {
  const programId = programIdOf(id);
  const principal = await requirePrincipal("templates:write", `/admin/templates/${id}`);
  return orNotFound(getProjectTemplate(await getDb(), principal, { id: programId }));
});

export const loadProgramPage = cache(async (id: string) => {
  const programId = programIdOf(id);
  const principal = await requirePrincipal("templates:write", `/admin/templates/${id}`);
  const db = await getDb();
  const page = await orNotFound(programPage(db, principal, { id: programId }));
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
