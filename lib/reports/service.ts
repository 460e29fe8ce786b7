// Reports: compute the requested metrics for a scope and period, store the snapshot, read it back
// as JSON or CSV. A snapshot never changes: a later report of the same scope is a new row.
import "server-only";
import { and, desc, eq, getTableColumns, sql } from "drizzle-orm";
import { type Db, type DbOrTx, queryRows } from "../../db/client";
import { reports } from "../../db/schema";
import { notFound, validationError } from "../api/errors";
import { authorize } from "../api/handler";
import { beforeCursor, type Page, pageLimit, toPage } from "../api/pagination";
import { withAudit } from "../audit/context";
import { auditContextOf, type Principal } from "../auth/principal";
import { emitEvent } from "../realtime/outbox";
import { reportCsv, reportCsvFilename } from "./csv";
import { type ReportDto, type ReportSummaryDto, toReportDto, toReportSummaryDto } from "./dto";
import { EXAM_PASS_RATES_DEFINITION, examPassRates, QUESTION_PASS_RATES_DEFINITION, questionPassRates } from "./exam-rates";
import { milestoneTimes, programTimes, TIME_TO_COMPLETE_DEFINITION } from "./onboarding-times";
import type { ReportResult } from "./result";
import { type ResolvedScope, resolveReportScope, visibleReports } from "./scope";
import { COUNT_DEFINITIONS, SCORE_DEFINITIONS, scoreSections } from "./scores";
import {
  COUNT_METRICS,
  type ReportListQuery,
  type ReportMetric,
  type ReportRequest,
  reportRequestSchema,
  SCORE_METRICS,
} from "./validators";

export type { ReportDto, ReportSummaryDto } from "./dto";

const DEFINITIONS: Record<ReportMetric, string> = {
  ...SCORE_DEFINITIONS,
  ...COUNT_DEFINITIONS,
  time_to_complete: TIME_TO_COMPLETE_DEFINITION,
  question_pass_rates: QUESTION_PASS_RATES_DEFINITION,
  exam_pass_rates: EXAM_PASS_RATES_DEFINITION,
};

const PER_USER_METRICS: readonly ReportMetric[] = [...SCORE_METRICS, ...COUNT_METRICS];

async function memberCount(db: DbOrTx, scope: ResolvedScope): Promise<number> {
  const [row] = await queryRows<{ count: number }>(db, sql`select count(*)::int as count from (${scope.users}) m`);
  return row?.count ?? 0;
}

/** Computes the snapshot; every query reads only the scope's members' rows. */
export async function computeReport(db: DbOrTx, scope: ResolvedScope, request: ReportRequest): Promise<ReportResult> {
  const { include, period } = request;
  const wants = (metric: ReportMetric) => include.includes(metric);
  const result: ReportResult = {
    scope: { type: scope.type, id: scope.id, name: scope.name, user_count: 0 },
    period: period ?? null,
    generated_at: new Date().toISOString(),
    metrics: [...include],
    definitions: Object.fromEntries(include.map((m) => [m, DEFINITIONS[m]])),
  };
  if (include.some((m) => PER_USER_METRICS.includes(m))) {
    const { userCount, ...sections } = await scoreSections(db, scope, { period, include, perUser: request.per_user ?? true });
    result.scope.user_count = userCount;
    Object.assign(result, sections);
  } else {
    result.scope.user_count = await memberCount(db, scope);
  }
  if (wants("time_to_complete")) {
    result.time_to_complete = { programs: await programTimes(db, scope, period), milestones: await milestoneTimes(db, scope, period) };
  }
  if (wants("question_pass_rates")) result.question_pass_rates = await questionPassRates(db, scope, period);
  if (wants("exam_pass_rates")) result.exam_pass_rates = await examPassRates(db, scope, period);
  return result;
}

export async function createReport(db: Db, principal: Principal, input: ReportRequest): Promise<ReportDto> {
  authorize(principal, "reports:write");
  // Pages and scripts call this too: the input is parsed again, so no caller skips the rules.
  const parsed = reportRequestSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error, "body");
  const request = parsed.data;
  // One snapshot for every section, so the summary and the rows it sums agree under concurrent writes.
  const { scope, result } = await db.transaction(
    async (tx) => {
      const resolved = await resolveReportScope(tx, principal, request.scope);
      return { scope: resolved, result: await computeReport(tx, resolved, request) };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  return withAudit(db, auditContextOf(principal), async (tx) => {
    const [row] = await tx
      .insert(reports)
      .values({
        entityId: scope.homeEntityId,
        createdBy: principal.userId,
        scopeType: scope.type,
        scopeId: scope.id,
        periodStart: request.period?.from ?? null,
        periodEnd: request.period?.to ?? null,
        metrics: request,
        result,
      })
      .returning();
    if (!row) throw new Error("inserting the report returned no row");
    await emitEvent(tx, {
      type: "report.created",
      entityId: row.entityId,
      actorId: principal.userId,
      payload: { report_id: row.id, scope_type: row.scopeType, scope_id: row.scopeId, metrics: request.include },
    });
    return toReportDto(row);
  });
}

export async function getReport(db: DbOrTx, principal: Principal, params: { id: number }): Promise<ReportDto> {
  authorize(principal, "reports:read");
  const [row] = await db
    .select()
    .from(reports)
    .where(and(eq(reports.id, params.id), visibleReports(principal)))
    .limit(1);
  if (!row) throw notFound("report");
  return toReportDto(row);
}

export async function listReports(db: DbOrTx, principal: Principal, query: ReportListQuery): Promise<Page<ReportSummaryDto>> {
  authorize(principal, "reports:read");
  const limit = pageLimit(query.limit);
  const { result: _snapshot, ...head } = getTableColumns(reports);
  const rows = await db
    .select({ ...head, scopeName: sql<string>`coalesce(${reports.result}->'scope'->>'name', '')` })
    .from(reports)
    .where(
      and(
        visibleReports(principal),
        beforeCursor(reports.id, query.cursor),
        query.scope_type === undefined ? undefined : eq(reports.scopeType, query.scope_type),
        query.scope_id === undefined ? undefined : eq(reports.scopeId, query.scope_id),
        query.mine ? eq(reports.createdBy, principal.userId) : undefined,
      ),
    )
    // Newest first: the report a person looks for is usually the one just made.
    .orderBy(desc(reports.id))
    .limit(limit + 1);
  return toPage(rows, limit, toReportSummaryDto);
}

/** The report as a CSV download. */
export async function getReportCsv(db: DbOrTx, principal: Principal, params: { id: number }): Promise<{ filename: string; csv: string }> {
  const report = await getReport(db, principal, params);
  return { filename: reportCsvFilename(report), csv: reportCsv(report) };
}
