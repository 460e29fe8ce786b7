// Seed phase 1: the organisation (entities and users), set-based.
import { ADMINS, arr, DEPARTMENTS, h, lit, personName, type ScaleLayout, type Statement } from "./scale-sql-layout";

/** Entities (company → departments → teams) and users (admins, managers, employees). */
export function organisationSql(l: ScaleLayout, passwordHash: string, professionNames: readonly string[]): Statement[] {
  const a = `timestamptz ${lit(l.anchor)}`;
  const { en, de } = l.languageIds;
  const teamEntity = (t: string) => `${2 + l.departments} + ${t}`;
  const profession = (x: string) => `1 + ${h(x, 3)} % ${professionNames.length}`;
  const entities = [
    `insert into entities (id, name, parent_id, root_id, path, default_language_id, created_at, updated_at)
     values (1, 'Scale Corp', null, 1, '/1/', ${en}, ${a}, ${a})`,
    `insert into entities (id, name, parent_id, root_id, path, default_language_id, created_at, updated_at)
     select 2 + d, (${arr(DEPARTMENTS)})[1 + d % 10], 1, 1, '/1/' || (2 + d) || '/', ${en}, ${a}, ${a}
     from generate_series(0, ${l.departments - 1}) d`,
    `insert into entities (id, name, parent_id, root_id, path, default_language_id, created_at, updated_at)
     select ${teamEntity("t")}, (${arr(DEPARTMENTS)})[1 + (t / 5) % 10] || ' team ' || (t % 5 + 1), 2 + t / 5, 1,
       '/1/' || (2 + t / 5) || '/' || (${teamEntity("t")}) || '/', ${en}, ${a}, ${a}
     from generate_series(0, ${l.teams - 1}) t`,
  ];
  const professions = `insert into professions (id, name, entity_id, created_at, updated_at) values
    ${professionNames.map((name, i) => `(${i + 1}, ${lit(name)}, 1, ${a}, ${a})`).join(", ")}`;
  const users = [
    `insert into users (id, email, name, role, entity_id, language_id, password_hash, hired_at, created_at, updated_at)
     select i, 'admin' || i || '@scale.test', 'Admin ' || i, 'admin', 1, ${en}, ${lit(passwordHash)}, ${a} - interval '900 days', ${a}, ${a}
     from generate_series(1, ${ADMINS}) i`,
    // The first manager of each team leads it and reports to admin 1; the others report to that lead.
    `insert into users (id, email, name, role, entity_id, manager_id, profession_id, language_id, password_hash, hired_at, created_at, updated_at)
     select ${ADMINS + 1} + j, 'm' || j || '@scale.test', ${personName("j * 7 + 13")}, 'manager', ${teamEntity(`j / ${l.managersPerTeam}`)},
       case when j % ${l.managersPerTeam} = 0 then 1 else ${ADMINS + 1} + j - j % ${l.managersPerTeam} end,
       ${profession("j + 1000000")}, ${en}, ${lit(passwordHash)}, ${a} - (200 + ${h("j", 5)}) * interval '1 day', ${a}, ${a}
     from generate_series(0, ${l.managers - 1}) j`,
    // Employee e sits in team e % teams; every 10 employees of a team share a manager.
    `insert into users (id, email, name, role, entity_id, manager_id, profession_id, language_id, password_hash, created_at, updated_at)
     select ${l.firstEmployeeId} + e, 'e' || e || '@scale.test', ${personName("e")}, 'employee', ${teamEntity(`e % ${l.teams}`)},
       ${ADMINS + 1} + (e % ${l.teams}) * ${l.managersPerTeam} + (e / ${l.teams}) / 10,
       ${profession("e")}, case when ${h("e", 4)} < 850 then ${en} else ${de} end, ${lit(passwordHash)}, ${a}, ${a}
     from generate_series(0, ${l.employees - 1}) e`,
  ];
  return [
    ...entities.map((sql) => ({ table: "entities", sql })),
    { table: "professions", sql: professions },
    ...users.map((sql) => ({ table: "users", sql })),
  ];
}
