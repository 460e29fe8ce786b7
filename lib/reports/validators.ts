// Input shapes of the reports API: what a report may ask for (scope, period, metrics), the list
// filters and the id in the path. The same schemas feed the route wrapper and the OpenAPI document.
import { z } from "zod";
import { REPORT_SCOPES } from "../../db/schema";
import { pageQuery } from "../api/pagination";
import { idParamsSchema, idSchema as id, MAX_ID } from "../entities/id-schemas";

/** The five scores and the progress blend (lib/scores/formulas.ts), per user and for the scope. */
export const SCORE_METRICS = ["completion", "help", "timing", "quality", "technical", "progress"] as const;
/** Counts behind the specialization levels, per user and for the scope. */
export const COUNT_METRICS = ["completed_projects", "passed_milestone_tests"] as const;
/** Onboarding analytics over the scope's programs, milestones and exams. */
export const ANALYTICS_METRICS = ["time_to_complete", "question_pass_rates", "exam_pass_rates"] as const;
export const REPORT_METRICS = [...SCORE_METRICS, ...COUNT_METRICS, ...ANALYTICS_METRICS] as const;

export type ScoreMetric = (typeof SCORE_METRICS)[number];
export type CountMetric = (typeof COUNT_METRICS)[number];
export type AnalyticsMetric = (typeof ANALYTICS_METRICS)[number];
export type ReportMetric = (typeof REPORT_METRICS)[number];

const unknownMetric = `Unknown metric. Known metrics: ${REPORT_METRICS.join(", ")}.`;

// Year 0 parses as ISO but not as a PostgreSQL date; no onboarding record predates 1900.
const isoDate = z.iso
  .date({ error: "Use an ISO 8601 date, e.g. 2030-01-31." })
  .refine((v) => v >= "1900-01-01", { error: "Use a date from 1900-01-01 on." });

export const reportPeriodSchema = z
  .object({ from: isoDate, to: isoDate })
  .strict()
  // ISO dates compare correctly as strings.
  .refine((p) => p.to >= p.from, { error: "The period must not end before it starts.", path: ["to"] });

export const reportScopeSchema = z
  .object({
    type: z.enum(REPORT_SCOPES, { error: `Use one of ${REPORT_SCOPES.join(", ")}.` }),
    /** A user id (user), the manager's user id (team), an entity, profession or program template id. */
    id,
  })
  .strict();

export const reportRequestSchema = z
  .object({
    scope: reportScopeSchema,
    /** Inclusive ISO dates; without a period the report covers all time (the running rollup). */
    period: reportPeriodSchema.optional(),
    include: z
      .array(z.enum(REPORT_METRICS, { error: unknownMetric }))
      .min(1, { error: `Name at least one metric: ${REPORT_METRICS.join(", ")}.` })
      .max(REPORT_METRICS.length * 2)
      // Asking twice for a metric means asking once; the catalogue order keeps snapshots comparable.
      .transform((names) => REPORT_METRICS.filter((m) => names.includes(m))),
    /** Per-user rows for the score and count metrics (default true). */
    per_user: z.boolean().optional(),
  })
  .strict();

/** POST /api/reports/create: the specification's {"metrics": JSONB}, given a shape. */
export const reportCreateSchema = z.object({ metrics: reportRequestSchema }).strict();

const flag = z.enum(["true", "false"], { error: "Use true or false." }).transform((v) => v === "true");

export const reportListQuerySchema = z
  .object({
    ...pageQuery,
    scope_type: z.enum(REPORT_SCOPES, { error: `Use one of ${REPORT_SCOPES.join(", ")}.` }).optional(),
    scope_id: z.coerce.number().int().positive().max(MAX_ID).optional(),
    /** Only reports the caller created. */
    mine: flag.optional(),
  })
  .strict();

export const reportIdParamsSchema = idParamsSchema;

export type ReportRequest = z.infer<typeof reportRequestSchema>;
export type ReportPeriod = z.infer<typeof reportPeriodSchema>;
export type ReportCreateInput = z.infer<typeof reportCreateSchema>;
export type ReportListQuery = z.infer<typeof reportListQuerySchema>;
