// A stored report as CSV for spreadsheets: one block per section (a line with the section's name,
// a header line, the rows, a blank line), the columns being the JSON keys, so the CSV holds
// exactly the values of the JSON. Text cells that a spreadsheet would run as a formula (= + - @,
// tab, carriage return) are prefixed with an apostrophe; numbers are written as they are.
import { stringify } from "csv-stringify/sync";
import type { ReportDto } from "./dto";
import type { ExamRateRow, MilestoneTimeRow, ProgramTimeRow, QuestionRateRow } from "./result";
import { ANALYTICS_METRICS, type ReportMetric } from "./validators";

type Cell = string | number | null;
export type ReportTable = { name: string; columns: string[]; rows: Cell[][] };

const DURATION_COLUMNS = ["count", "mean_working_hours", "median_working_hours", "mean_working_days", "median_working_days"] as const;
export const PROGRAM_COLUMNS = ["project_template_id", "program", "profession_id", "profession", ...DURATION_COLUMNS] as const satisfies readonly (keyof ProgramTimeRow)[];
export const MILESTONE_COLUMNS = [
  "project_template_id",
  "program",
  "milestone_template_id",
  "milestone",
  "profession_id",
  "profession",
  ...DURATION_COLUMNS,
] as const satisfies readonly (keyof MilestoneTimeRow)[];
export const QUESTION_COLUMNS = ["step_template_id", "step", "question_id", "prompt", "attempts", "correct", "correct_rate"] as const satisfies readonly (keyof QuestionRateRow)[];
export const EXAM_COLUMNS = ["step_template_id", "step", "attempts", "passed", "pass_rate", "users", "users_passed"] as const satisfies readonly (keyof ExamRateRow)[];

function table<R extends object>(name: string, columns: readonly (keyof R & string)[], rows: readonly R[]): ReportTable {
  return { name, columns: [...columns], rows: rows.map((row) => columns.map((c) => (row[c] ?? null) as Cell)) };
}

/** The report's sections as tables, in the order the CSV lists them. */
export function reportTables(report: ReportDto): ReportTable[] {
  const r = report.result;
  const tables: ReportTable[] = [
    {
      name: "report",
      columns: ["field", "value"],
      rows: [
        ["id", report.id],
        ["scope_type", r.scope.type],
        ["scope_id", r.scope.id],
        ["scope_name", r.scope.name],
        ["user_count", r.scope.user_count],
        ["period_from", r.period?.from ?? null],
        ["period_to", r.period?.to ?? null],
        ["generated_at", r.generated_at],
        ["metrics", r.metrics.join(" ")],
      ],
    },
    {
      name: "definitions",
      columns: ["metric", "definition"],
      rows: r.metrics.map((m) => [m, r.definitions[m] ?? null]),
    },
  ];
  if (r.summary) tables.push({ name: "summary", columns: ["metric", "value"], rows: Object.entries(r.summary).map(([m, v]) => [m, v ?? null]) });
  if (r.counters) tables.push({ name: "counters", columns: ["counter", "value"], rows: Object.entries(r.counters) });
  if (r.users) {
    const perUser = r.metrics.filter((m) => !(ANALYTICS_METRICS as readonly ReportMetric[]).includes(m));
    tables.push({
      name: "users",
      columns: ["user_id", "name", "entity_id", ...perUser],
      rows: r.users.map((u) => [u.user_id, u.name, u.entity_id, ...perUser.map((m) => u[m] ?? null)]),
    });
  }
  if (r.time_to_complete) {
    tables.push(table("time_to_complete_programs", PROGRAM_COLUMNS, r.time_to_complete.programs));
    tables.push(table("time_to_complete_milestones", MILESTONE_COLUMNS, r.time_to_complete.milestones));
  }
  if (r.question_pass_rates) tables.push(table("question_pass_rates", QUESTION_COLUMNS, r.question_pass_rates));
  if (r.exam_pass_rates) tables.push(table("exam_pass_rates", EXAM_COLUMNS, r.exam_pass_rates));
  return tables;
}

/** RFC 4180 text (CRLF line ends) of the tables. */
export function tablesToCsv(tables: readonly ReportTable[]): string {
  const records: Cell[][] = [];
  tables.forEach((t, i) => {
    if (i > 0) records.push([]);
    records.push([t.name], t.columns, ...t.rows);
  });
  return stringify(records, { escape_formulas: true, record_delimiter: "windows" });
}

export function reportCsv(report: ReportDto): string {
  return tablesToCsv(reportTables(report));
}

export function reportCsvFilename(report: ReportDto): string {
  const day = report.created_at.slice(0, 10);
  return `report-${report.id}-${report.scope_type}-${report.scope_id}-${day}.csv`;
}
