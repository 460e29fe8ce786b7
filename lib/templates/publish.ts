// Publishing: a draft template that is complete becomes a frozen revision, together with every
// draft below it, in one transaction. Programs can only be started from published revisions.
import "server-only";
import { inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { ApiError, conflict } from "../api/errors";
import { withAudit } from "../audit/context";
import { auditContextOf, type Principal } from "../auth/principal";
import {
  emitTemplateEvent,
  GUIDEABLE_TYPES_OF,
  lockTemplate,
  requireTemplatesWrite,
  TEMPLATE_LABELS,
  TEMPLATE_TABLES,
  type TemplateKind,
} from "./access";
import { readTemplateDetail, type TemplateDetailDto } from "./detail";
import { collectPublishGraph } from "./publish-graph";

export type TemplateActionParams = { id: number; version?: number; ifMatch?: number };

const KIND_ORDER: TemplateKind[] = ["step", "task", "milestone", "project"];

export async function publishTemplate(db: Db, principal: Principal, kind: TemplateKind, params: TemplateActionParams): Promise<TemplateDetailDto> {
  requireTemplatesWrite(principal);
  const label = TEMPLATE_LABELS[kind];
  return withAudit(db, auditContextOf(principal), async (tx) => {
    const head = await lockTemplate(tx, principal, kind, params.id, { version: params.version, ifMatch: params.ifMatch });
    if (!head.isDraft) throw conflict(`This ${label} is already published (revision ${head.revision}).`);

    const graph = await collectPublishGraph(tx, principal, { ...head, kind, writable: true });
    if (graph.issues.length) {
      const count = graph.issues.length === 1 ? "1 problem" : `${graph.issues.length} problems`;
      throw new ApiError("validation_failed", `The ${label} “${head.name}” cannot be published yet: ${count} to fix.`, { issues: graph.issues });
    }

    // Children first, so every published row only ever points at published rows.
    for (const each of KIND_ORDER) {
      const ids = graph.drafts.filter((n) => n.kind === each).map((n) => n.id);
      if (!ids.length) continue;
      const t = TEMPLATE_TABLES[each];
      await tx.execute(
        sql`update ${t} set is_draft = false, published_at = now(), version = version + 1, updated_at = now() where ${inArray(t.id, ids)}`,
      );
    }
    for (const node of graph.drafts) {
      await emitTemplateEvent(tx, principal, "template.published", node.kind, node, {
        published_with: node.kind === kind && node.id === head.id ? null : { template_type: GUIDEABLE_TYPES_OF[kind], template_id: head.id },
      });
    }
    return readTemplateDetail(tx, principal, kind, head.id);
  });
}
