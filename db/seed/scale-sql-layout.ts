// The benchmark seed's layout (where every row lives, as a function of N) and the helpers its
// set-based SQL is written with: deterministic pseudo-random values, literals and person names.
export const TASKS_PER_PROGRAM = 100;
/** Every task template has exactly two steps, so a task's step ids are (task id − 1) × 2 + position. */
export const STEPS_PER_TASK = 2;
export const ADMINS = 3;

/** Where every row of the organisation lives, as a function of N. */
export interface ScaleLayout {
  employees: number;
  departments: number;
  teams: number;
  managersPerTeam: number;
  managers: number;
  /** User id of employee ordinal 0; employee e is user firstEmployeeId + e and owns project e + 1. */
  firstEmployeeId: number;
  /** "Now" for the whole seed, so every batch agrees on what is past, due and overdue. */
  anchor: string;
  languageIds: { en: number; de: number };
  /** Profession ids → program (project template) id. */
  programByProfession: Record<number, number>;
  /** Status ids by "domain.code". */
  statusIds: Record<string, number>;
}

export function planLayout(employees: number, anchor: Date, refs: Pick<ScaleLayout, "languageIds" | "programByProfession" | "statusIds">): ScaleLayout {
  // ~40 employees per team up to the 50 teams (10 departments × 5) of a mid-size company.
  const teams = Math.min(50, Math.ceil(employees / 40));
  const managersPerTeam = Math.ceil(Math.ceil(employees / teams) / 10);
  return {
    employees,
    teams,
    departments: Math.ceil(teams / 5),
    managersPerTeam,
    managers: teams * managersPerTeam,
    firstEmployeeId: ADMINS + teams * managersPerTeam + 1,
    anchor: anchor.toISOString(),
    ...refs,
  };
}

/** A deterministic pseudo-random integer 0..999 per (row key, salt): reruns produce the same data. */
export const h = (expr: string, salt: number) => `((((hashint8extended((${expr})::bigint, ${salt}) % 1000) + 1000) % 1000)::int)`;
export const lit = (text: string) => `'${text.replace(/'/g, "''")}'`;
export const arr = (items: readonly string[]) => `array[${items.map(lit).join(",")}]`;

export const DEPARTMENTS = ["Engineering", "Product", "Sales", "Support", "Operations", "Finance", "People", "Marketing", "Data", "Security"];
const FIRST = ["Ada", "Ben", "Chloe", "Dev", "Elif", "Finn", "Grace", "Hugo", "Ines", "Jonas", "Kara", "Liam", "Mia", "Noah", "Olga", "Paul", "Quinn", "Rosa", "Sam", "Tara", "Umar", "Vera", "Wen", "Xavi", "Yara", "Zoe", "Aiko", "Bruno", "Carla", "Dara", "Emil", "Farah", "Gus", "Hana", "Ivan", "Jade", "Kofi", "Lena", "Marco", "Nina"];
const LAST = ["Adler", "Baker", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Hansen", "Ito", "Jensen", "Kowalski", "Larsen", "Meyer", "Novak", "Okafor", "Petrov", "Quist", "Rossi", "Schmidt", "Tanaka", "Ueda", "Varga", "Weber", "Xu", "Yilmaz", "Zimmer", "Alves", "Berg", "Chen", "Diaz", "Eriksen", "Ferrari", "Gupta", "Horvat", "Iqbal", "Jovanovic", "Kim", "Lopez", "Moreau", "Nakamura", "Olsen", "Park", "Reyes", "Silva", "Torres", "Ulrich", "Vogel", "Wagner", "Young", "Zhang"];
export const personName = (x: string) => `(${arr(FIRST)})[1 + (${x}) % ${FIRST.length}] || ' ' || (${arr(LAST)})[1 + ((${x}) / ${FIRST.length}) % ${LAST.length}]`;

/** One set-based statement and the table it writes (the seed suspends that table's audit trigger). */
export interface Statement {
  table: string;
  sql: string;
  /** Timing bucket in the progress report; the table when absent. */
  phase?: string;
}
