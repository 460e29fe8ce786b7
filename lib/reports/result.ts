// The stored snapshot's shape (reports.result): flat rows in named sections, so the JSON, the CSV
// and a chart read the same values. Every tabular section is an array of flat objects whose keys
// are the CSV columns.
import type { ReportScope } from "../../db/schema";
import type { CounterColumn } from "../scores/counters";
import type { ReportMetric } from "./validators";

export type UserMetricRow = {
  user_id: number;
  name: string;
  entity_id: number;
} & Partial<Record<ReportMetric, number | null>>;

/** Time from started_at to completed_at with Saturdays and Sundays (in the entity's time zone) left out. */
export type DurationStats = {
  count: number;
  mean_working_hours: number;
  median_working_hours: number;
  mean_working_days: number;
  median_working_days: number;
};

export type ProgramTimeRow = {
  project_template_id: number;
  program: string;
  profession_id: number | null;
  profession: string | null;
} & DurationStats;

export type MilestoneTimeRow = {
  project_template_id: number;
  program: string;
  milestone_template_id: number;
  milestone: string;
  profession_id: number | null;
  profession: string | null;
} & DurationStats;

export type QuestionRateRow = {
  step_template_id: number;
  step: string;
  question_id: string;
  /** The question as the step definition words it; never the answer. */
  prompt: string | null;
  attempts: number;
  correct: number;
  correct_rate: number;
};

export type ExamRateRow = {
  step_template_id: number;
  step: string;
  attempts: number;
  passed: number;
  pass_rate: number;
  users: number;
  users_passed: number;
};

export type ReportResult = {
  scope: { type: ReportScope; id: number; name: string; user_count: number };
  period: { from: string; to: string } | null;
  generated_at: string;
  metrics: ReportMetric[];
  /** How each requested metric is computed, in words. */
  definitions: Partial<Record<ReportMetric, string>>;
  /** The scope's aggregate of each requested score and count metric. */
  summary?: Partial<Record<ReportMetric, number | null>>;
  /** The summed counters the scores are ratios of. */
  counters?: Record<CounterColumn, number>;
  users?: UserMetricRow[];
  time_to_complete?: { programs: ProgramTimeRow[]; milestones: MilestoneTimeRow[] };
  question_pass_rates?: QuestionRateRow[];
  exam_pass_rates?: ExamRateRow[];
};
