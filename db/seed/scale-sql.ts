// Set-based SQL for the benchmark seed (db/seed/scale.ts): every row is computed on the server by
// INSERT … SELECT over generate_series, one batch of employees at a time, with ids derived from the
// employee's ordinal so later statements find earlier rows by id range instead of by RETURNING.
// PostgreSQL 15 compatible (the oldest server we support) and PGlite compatible.

export { ADMINS, planLayout, type ScaleLayout, type Statement, STEPS_PER_TASK, TASKS_PER_PROGRAM } from "./scale-sql-layout";
export { organisationSql } from "./scale-sql-organisation";
export { batchSql } from "./scale-sql-batch";
export { scoresSql, specializationLevelsSql } from "./scale-sql-rollups";
