// The whole data model, one file per domain (docs/schema.md explains every table).
export * from "./statuses";
export * from "./entities";
export * from "./guides";
export * from "./templates";
export * from "./projects";
export * from "./tasks";
export * from "./checklists";
export * from "./exams";
export * from "./requests";
export * from "./metrics";
export * from "./platform";
