// The JSON shape of a stored report: what was asked (metrics), the snapshot (result) and where it
// lives. Lists leave the snapshot out: a page of them would otherwise carry every member's rows.
import type { Report, ReportScope } from "../../db/schema";
import type { ReportResult } from "./result";
import type { ReportRequest } from "./validators";

export type ReportSummaryDto = {
  id: number;
  entity_id: number;
  created_by: number | null;
  scope_type: ReportScope;
  scope_id: number;
  scope_name: string;
  period_start: string | null;
  period_end: string | null;
  metrics: ReportRequest;
  created_at: string;
  links: { self: string; csv: string };
};

export type ReportDto = ReportSummaryDto & { result: ReportResult };

/** A reports row without its snapshot, plus the scope's name read out of it. */
export type ReportHead = Omit<Report, "result"> & { scopeName: string };

export function toReportSummaryDto(row: ReportHead): ReportSummaryDto {
  return {
    id: row.id,
    entity_id: row.entityId,
    created_by: row.createdBy,
    scope_type: row.scopeType,
    scope_id: row.scopeId,
    scope_name: row.scopeName,
    period_start: row.periodStart,
    period_end: row.periodEnd,
    metrics: row.metrics as ReportRequest,
    created_at: row.createdAt.toISOString(),
    links: { self: `/api/reports/${row.id}`, csv: `/api/reports/${row.id}/csv` },
  };
}

export function toReportDto(row: Report): ReportDto {
  const result = row.result as ReportResult;
  return { ...toReportSummaryDto({ ...row, scopeName: result.scope.name }), result };
}
