// Checks on the templates a PUT names as children (milestones of a program, tasks of a milestone,
// steps and parents of a task): each must exist and be visible to the admin, and appear once.
import "server-only";
import { and, inArray, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { ApiError, type FieldIssue } from "../api/errors";
import type { Principal } from "../auth/principal";
import { TEMPLATE_LABELS, TEMPLATE_TABLES, type TemplateHead, type TemplateKind, visibleTemplates } from "./access";

/**
 * The named templates, by id. A missing or invisible one is the client's input error (422 on that
 * field), not a 404 of the resource the request is about.
 */
export async function visibleChildren(
  tx: Tx,
  principal: Principal,
  kind: TemplateKind,
  ids: number[],
  pathOf: (index: number) => string,
): Promise<Map<number, TemplateHead>> {
  const t = TEMPLATE_TABLES[kind];
  const rows = ids.length
    ? await tx
        .select({
          id: t.id,
          name: t.name,
          entityId: t.entityId,
          isDraft: t.isDraft,
          version: t.version,
          lineageId: sql<number>`coalesce(${t.lineageId}, ${t.id})`.mapWith(Number),
          revision: t.revision,
        })
        .from(t)
        .where(and(inArray(t.id, ids), visibleTemplates(principal, t.entityId)))
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const issues: FieldIssue[] = [];
  const seenLineages = new Map<number, number>();
  ids.forEach((id, index) => {
    const row = byId.get(id);
    if (!row) {
      issues.push({ path: pathOf(index), message: `No such ${TEMPLATE_LABELS[kind]} (${id}), or it is not visible to you.` });
      return;
    }
    const earlier = seenLineages.get(row.lineageId);
    if (earlier !== undefined) {
      // Two revisions of one template (or the same one twice) in one list would run it twice.
      issues.push({ path: pathOf(index), message: `“${row.name}” is already listed at position ${earlier + 1}.` });
      return;
    }
    seenLineages.set(row.lineageId, index);
  });
  if (issues.length) throw new ApiError("validation_failed", `Some of the listed ${TEMPLATE_LABELS[kind]}s cannot be linked.`, { issues });
  return byId;
}

/** Whether two ordered lists of link rows are the same, so an unchanged PUT writes nothing. */
export function sameLinks<T>(current: T[], next: T[], key: (row: T) => string): boolean {
  return (
    current.length === next.length &&
    current.every((row, i) => {
      const other = next[i];
      return other !== undefined && key(row) === key(other);
    })
  );
}
