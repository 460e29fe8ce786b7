// The filters every template list shares: scope, cursor, draft state, name search, owning entity
// and lineage. Each kind adds its own (kind, profession) beside these.
import "server-only";
import { type SQL, eq, isNull, or, sql } from "drizzle-orm";
import { entities } from "../../db/schema";
import { afterCursor, containsText } from "../api/pagination";
import type { Principal } from "../auth/principal";
import { TEMPLATE_TABLES, type TemplateKind, visibleTemplates } from "./access";
import type { TemplateListQueryBase } from "./validators";

export function templateListConditions(principal: Principal, kind: TemplateKind, query: TemplateListQueryBase): (SQL | undefined)[] {
  const t = TEMPLATE_TABLES[kind];
  return [
    visibleTemplates(principal, t.entityId),
    afterCursor(t.id, query.cursor),
    query.is_draft === undefined ? undefined : eq(t.isDraft, query.is_draft),
    query.q ? containsText(t.name, query.q) : undefined,
    query.entity_id === undefined
      ? undefined
      : query.entity_id === "shared"
        ? isNull(t.entityId)
        : // That entity and everything below it; visibility above still limits it to the caller's scope.
          sql`${t.entityId} in (select below.id from ${entities} below, ${entities} named
               where named.id = ${query.entity_id} and below.path like named.path || '%')`,
    query.lineage_id === undefined ? undefined : or(eq(t.lineageId, query.lineage_id), eq(t.id, query.lineage_id)),
  ];
}
