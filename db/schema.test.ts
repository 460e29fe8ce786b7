// The database keeps the specification's contract: its tables, columns, NOT NULLs and foreign keys,
// read from docs/specification.txt itself, plus our own rules (indexed FKs, timestamptz, versions,
// migrations that apply to an empty database). Runs on PGlite, or PostgreSQL when DATABASE_URL is set.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../test/db";
import type { Database } from "./client";
import { MIGRATIONS_FOLDER, migrateDatabase } from "./migrate";
import {
  type DbColumn,
  type DbForeignKey,
  SCHEMA_DOC_PATH,
  SPEC_PATH,
  TIMESTAMP_EXCEPTIONS,
  TYPE_CORRECTIONS,
  countAppliedMigrations,
  expectedDataType,
  listColumns,
  listForeignKeys,
  listIndexes,
  listPrimaryKeys,
  listTables,
  openEmptyDatabase,
  parseSpecification,
  readSpecification,
  specLength,
  timestampOffenders,
  unindexedForeignKeys,
} from "./schema-contract";

const SPEC_TABLES = [
  "checklists", "checklist_items", "guideables", "task_templates", "task_request", "task_request_assignee",
  "task_results", "projects", "milestone_templates", "milestones", "task_template_profession",
  "task_temp_parent_task_temp", "step_templates", "task_template_step_template", "tasks", "task_assignee",
  "tasks_parent_task",
];
const REFERENCED_ONLY = ["entities", "guides", "professions", "statuses", "users"];
const VERSIONED_TABLES = [
  "tasks", "checklists", "checklist_items", "project_templates", "milestone_templates", "task_templates", "step_templates",
];

const spec = readSpecification();
const specFks = spec.flatMap((t) =>
  t.columns.flatMap((c) => (c.references ? [{ table: t.name, column: c.name, target: c.references }] : [])),
);
const fkLabel = (fk: DbForeignKey) =>
  `${fk.table_name}(${fk.columns.join(", ")}) → ${fk.foreign_table}(${fk.foreign_columns.join(", ")}) [${fk.constraint_name}]`;

describe("the specification parser", () => {
  it("finds all 17 tables of the specification, each once", () => {
    const names = spec.map((t) => t.name);
    expect([...names].sort()).toEqual([...SPEC_TABLES].sort());
    expect(new Set(names).size).toBe(names.length);
  });

  it("reads types, NOT NULL, REFERENCES and the unquoted order column", () => {
    const milestones = spec.find((t) => t.name === "milestones");
    expect(milestones?.columns.find((c) => c.name === "milestone_template_id")).toEqual({
      name: "milestone_template_id",
      type: "BIGINT",
      notNull: false,
      primaryKey: false,
      references: { table: "milestone_templates", column: "id" },
    });
    expect(milestones?.columns.find((c) => c.name === "expected_hours")).toMatchObject({ type: "TIME", notNull: true });
    const steps = spec.find((t) => t.name === "task_template_step_template");
    expect(steps?.columns.map((c) => c.name)).toEqual(["task_template_id", "step_template_id", "order"]);
    // Every REFERENCES written in the spec's sql blocks must come out as a foreign key.
    const written = [...readFileSync(SPEC_PATH, "utf8").matchAll(/```sql\s*\n([\s\S]*?)```/g)]
      .map((m) => (m[1] ?? "").match(/\bREFERENCES\b/gi)?.length ?? 0)
      .reduce((a, b) => a + b, 0);
    expect(written).toBeGreaterThan(0);
    expect(specFks.length).toBe(written);
  });

  it("reads a quoted column name and refuses text it does not understand", () => {
    const [quoted] = parseSpecification('```sql\nt (\n    "order" INTEGER NOT NULL\n)\n```');
    expect(quoted?.columns[0]).toMatchObject({ name: "order", type: "INTEGER", notNull: true });
    expect(() => parseSpecification("```sql\nt (\n    id INTEGER UNIQUE\n)\n```")).toThrow(/unread text/);
    expect(() => parseSpecification("```sql\nt (\n    PRIMARY KEY (a, b)\n)\n```")).toThrow(/cannot read/);
  });

  it("finds exactly the referenced tables the specification does not define", () => {
    const defined = new Set(spec.map((t) => t.name));
    const referencedOnly = [...new Set(specFks.map((fk) => fk.target.table))].filter((t) => !defined.has(t));
    expect(referencedOnly.sort()).toEqual(REFERENCED_ONLY);
  });
});

describe("the foreign-key index rule", () => {
  const fk: DbForeignKey = { constraint_name: "c", table_name: "t", columns: ["a"], foreign_table: "u", foreign_columns: ["id"] };

  it("accepts an index that starts with the foreign key column", () => {
    expect(unindexedForeignKeys([fk], [{ table_name: "t", index_name: "i", columns: ["a", "b"] }])).toEqual([]);
  });

  it("refuses an index on another table, or one where the column is not first", () => {
    const indexes = [
      { table_name: "t", index_name: "i", columns: ["b", "a"] },
      { table_name: "other", index_name: "j", columns: ["a"] },
      { table_name: "t", index_name: "k", columns: [null, "a"] },
    ];
    expect(unindexedForeignKeys([fk], indexes)).toEqual([fk]);
  });
});

describe("the database against the specification", () => {
  let database: Database;
  let tables: Set<string>;
  let columns: Map<string, DbColumn>;
  let fks: DbForeignKey[];

  beforeAll(async () => {
    database = await createTestDatabase();
    tables = new Set(await listTables(database.db));
    columns = new Map((await listColumns(database.db)).map((c) => [`${c.table_name}.${c.column_name}`, c]));
    fks = await listForeignKeys(database.db);
  });
  afterAll(async () => {
    await database.close();
  });

  it("has every table the specification defines or references", () => {
    const missing = [...SPEC_TABLES, ...REFERENCED_ONLY].filter((t) => !tables.has(t));
    expect(missing, "tables named by docs/specification.txt but absent").toEqual([]);
  });

  it("has every specification column, NOT NULL where the specification says so", () => {
    const missing: string[] = [];
    const nullable: string[] = [];
    for (const table of spec) {
      for (const column of table.columns) {
        const found = columns.get(`${table.name}.${column.name}`);
        if (!found) missing.push(`${table.name}.${column.name}`);
        else if (column.notNull && found.is_nullable !== "NO") nullable.push(`${table.name}.${column.name}`);
      }
    }
    expect(missing, "spec columns absent from the database").toEqual([]);
    expect(nullable, "spec says NOT NULL (or PRIMARY KEY) but the column is nullable").toEqual([]);
  });

  it("gives every specification column its spec type, or the documented correction", () => {
    const wrong: string[] = [];
    for (const table of spec) {
      for (const column of table.columns) {
        const found = columns.get(`${table.name}.${column.name}`);
        if (!found) continue;
        const key = `${table.name}.${column.name}`;
        const want = expectedDataType(table.name, column);
        if (found.data_type !== want) wrong.push(`${key}: spec ${column.type} → want ${want}, have ${found.data_type}`);
        const length = specLength(column);
        if (length !== null && found.character_maximum_length !== length) {
          wrong.push(`${key}: spec ${column.type}, have length ${String(found.character_maximum_length)}`);
        }
        if (column.type === "SERIAL" && !found.column_default?.startsWith("nextval(")) {
          wrong.push(`${key}: spec SERIAL but no sequence default`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("keeps the specification's primary keys", async () => {
    const pks = await listPrimaryKeys(database.db);
    const wrong = spec.flatMap((t) => {
      const specPk = t.columns.filter((c) => c.primaryKey).map((c) => c.name);
      const actual = pks.get(t.name) ?? [];
      if (specPk.length === 0 || actual.join(",") === specPk.join(",")) return [];
      return [`${t.name}: spec (${specPk.join(", ")}), have (${actual.join(", ")})`];
    });
    expect(wrong).toEqual([]);
    // The link tables have no key in the spec; each gets a composite one (docs/schema.md).
    const keyless = spec.filter((t) => !t.columns.some((c) => c.primaryKey)).map((t) => t.name);
    expect(keyless.filter((t) => (pks.get(t) ?? []).length < 2), "spec link tables without a composite key").toEqual([]);
  });

  it("has every specification foreign key, pointing at the spec's target table and column", () => {
    const matches = (s: (typeof specFks)[number], fk: DbForeignKey) =>
      fk.table_name === s.table &&
      fk.columns.join(",") === s.column &&
      fk.foreign_table === s.target.table &&
      fk.foreign_columns.join(",") === s.target.column;
    const missing = specFks
      .filter((s) => !fks.some((fk) => matches(s, fk)))
      .map((s) => `${s.table}.${s.column} → ${s.target.table}(${s.target.column})`);
    expect(missing, "spec REFERENCES without a matching foreign key").toEqual([]);
  });

  it("indexes every foreign key: some index starts with the foreign key's column", async () => {
    const offenders = unindexedForeignKeys(fks, await listIndexes(database.db)).map(fkLabel);
    expect(fks.length).toBeGreaterThan(specFks.length);
    expect(
      offenders,
      "SCHEMA DEFECT — foreign keys without an index whose first column is the FK column (add the index in db/schema and generate a migration)",
    ).toEqual([]);
  });

  it("stores every *_at column as timestamp with time zone", () => {
    expect([...columns.values()].filter((c) => c.column_name.endsWith("_at")).length).toBeGreaterThan(0);
    expect(
      timestampOffenders([...columns.values()]),
      "instants must be timestamptz (or a documented TIMESTAMP_EXCEPTIONS entry)",
    ).toEqual([]);
  });

  it("has an integer version column on every optimistically locked table", () => {
    const wrong = VERSIONED_TABLES.filter((t) => {
      const version = columns.get(`${t}.version`);
      return version?.data_type !== "integer" || version.is_nullable !== "NO";
    });
    expect(wrong, "tables without an integer NOT NULL version").toEqual([]);
  });

  it("documents every type correction and timestamp exception in docs/schema.md", () => {
    const doc = readFileSync(SCHEMA_DOC_PATH, "utf8");
    const undocumented = [...Object.keys(TYPE_CORRECTIONS), ...Object.keys(TIMESTAMP_EXCEPTIONS)].filter((key) => {
      const [table = "", column = ""] = key.split(".");
      return !doc.includes(`${table}.${column}`);
    });
    expect(undocumented).toEqual([]);
  });
});

// The catalog checks must see a defect when there is one: plant some in a disposable database.
describe("the catalog checks on planted defects", () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
    await database.exec(`
      create table probe_parent (id serial primary key);
      create table probe_child (
        id serial primary key,
        unindexed_id integer references probe_parent(id),
        second_id integer references probe_parent(id),
        seen_at timestamp
      );
      create index probe_child_id_second_idx on probe_child (id, second_id);
      create index probe_child_partial_idx on probe_child (second_id) where second_id > 0;`);
  });
  afterAll(async () => {
    await database.close();
  });

  it("reports foreign keys indexed only as a second column or by a partial index", async () => {
    const probe = (await listForeignKeys(database.db)).filter((fk) => fk.table_name === "probe_child");
    const offenders = unindexedForeignKeys(probe, await listIndexes(database.db)).map((fk) => fk.columns.join(","));
    expect(offenders.sort()).toEqual(["second_id", "unindexed_id"]);
  });

  it("reports a *_at column without a time zone", async () => {
    const probe = (await listColumns(database.db)).filter((c) => c.table_name === "probe_child");
    expect(timestampOffenders(probe)).toEqual(["probe_child.seen_at: timestamp without time zone"]);
  });
});

describe("migrations", () => {
  it("apply to an empty database once, and applying them again changes nothing", { timeout: 120_000 }, async () => {
    const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8")) as {
      entries: unknown[];
    };
    expect(journal.entries.length).toBeGreaterThan(0);
    const database = await openEmptyDatabase();
    try {
      expect(await listTables(database.db), "the new database should start empty").toEqual([]);
      await migrateDatabase(database);
      expect(await countAppliedMigrations(database.db)).toBe(journal.entries.length);
      const tablesAfterFirst = await listTables(database.db);
      expect(SPEC_TABLES.filter((t) => !tablesAfterFirst.includes(t))).toEqual([]);

      await migrateDatabase(database);
      expect(await countAppliedMigrations(database.db)).toBe(journal.entries.length);
      expect(await listTables(database.db)).toEqual(tablesAfterFirst);
    } finally {
      await database.close();
    }
  });
});
