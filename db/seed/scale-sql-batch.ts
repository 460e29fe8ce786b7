// Seed phase 2: one batch of employees' programs (projects, milestones, tasks and everything
// hanging off them), with ids derived from the employee's ordinal.
import { h, lit, type ScaleLayout, type Statement, STEPS_PER_TASK, TASKS_PER_PROGRAM } from "./scale-sql-layout";

/** All rows of employees [lo, hi): projects, milestones, tasks and everything hanging off them. */
export function batchSql(l: ScaleLayout, lo: number, hi: number): Statement[] {
  const a = `timestamptz ${lit(l.anchor)}`;
  const anchorDate = `date ${lit(l.anchor.slice(0, 10))}`;
  const inProjects = `p.id between ${lo + 1} and ${hi}`;
  const inTasks = `t.id between ${lo * TASKS_PER_PROGRAM + 1} and ${hi * TASKS_PER_PROGRAM}`;
  const programOf = `case u.profession_id ${Object.entries(l.programByProfession).map(([p, t]) => `when ${p} then ${t}`).join(" ")} end`;
  // Status ids are inlined: a CASE over a code is cheaper than joining statuses on a computed code.
  const status = (domain: string, code: string) => {
    const id = l.statusIds[`${domain}.${code}`];
    if (id === undefined) throw new Error(`status ${domain}.${code} missing: apply the reference data first`);
    return id;
  };
  const statusOf = (domain: string, codeExpr: string) =>
    `case ${codeExpr} ${Object.keys(l.statusIds).filter((k) => k.startsWith(`${domain}.`)).map((k) => `when '${k.slice(domain.length + 1)}' then ${status(domain, k.slice(domain.length + 1))}`).join(" ")} end`;
  const stepId = (task: string, position: string) => `(${task} - 1) * ${STEPS_PER_TASK} + ${position}`;
  // The batch's onboardees: owner, reviewing manager and a helping peer from the same team.
  const ctx = `ctx as (
    select p.id as project_id, p.onboardee_id as owner_id, u.manager_id,
      case when p.id - 1 + ${l.teams} < ${l.employees} then p.onboardee_id + ${l.teams}
           when p.id - 1 - ${l.teams} >= 0 then p.onboardee_id - ${l.teams} end as peer_id
    from projects p join users u on u.id = p.onboardee_id where ${inProjects})`;
  // Per task, its checklist step and how far it got: done and in-review tasks have every item
  // ticked, open ones up to 90 %. The list completes with its last item, except that an item
  // awaiting validation holds it open.
  const tk = `${ctx}, cdef as (
    select id, name, process_definition->>'mode' as mode, jsonb_array_length(process_definition->'items') as n,
      process_definition->'items' @> '[{"requires_validation": true}]' as hv
    from step_templates where kind = 'checklist'
  ), tk as (
    select t.id, t.task_template_id, t.kind, t.started_at, t.completed_at, t.created_at, t.actual_minutes, t.expected_minutes, tst.code,
      ctx.owner_id, ctx.manager_id, l."order" as checklist_pos, cdef.id as checklist_template_id, cdef.name as checklist_name, cdef.mode, cdef.n,
      case when tst.code in ('done', 'in_review') then cdef.n when tst.code in ('in_progress', 'blocked') then (cdef.n * ${h("t.id", 51)}) / 1112 else 0 end as items_done,
      (tst.code = 'done' or (tst.code = 'in_review' and not cdef.hv)) as complete,
      coalesce(t.completed_at, ${a}) - t.started_at as span, cdef.n + case when t.completed_at is null then 1 else 0 end as slots
    from tasks t join statuses tst on tst.id = t.status_id join ctx on ctx.project_id = t.project_id
    join task_template_step_template l on l.task_template_id = t.task_template_id join cdef on cdef.id = l.step_template_id
    where ${inTasks})`;
  // Item p of n is done at start + span × p / n (n + 1 while open): the last item of a done task exactly at its completion.
  const doneAt = (pos: string) => `tk.started_at + tk.span * (${pos}::float8 / tk.slots)`;
  const checklistDone = `case when tk.complete then ${doneAt("tk.n")} end`;

  return [
    // 30 % finished their program, 55 % are in it, 15 % start within two weeks.
    { table: "projects", sql: `
      insert into projects (id, name, description, status_id, entity_id, created_at, created_by, project_template_id, onboardee_id, start_date, due_date, started_at, updated_at)
      select x.e + 1, left(x.pt_name || ': ' || x.user_name, 100), 'Onboarding program for ' || x.user_name, ${statusOf("project", "x.code")}, x.entity_id,
        coalesce(x.started, ${a}) - interval '3 days', x.manager_id, x.pt_id, x.user_id, x.sd, x.sd + x.d, x.started, ${a}
      from (
        select y.*, case when y.code <> 'planned' then (y.sd + time '09:00') at time zone 'UTC' end as started
        from (
          select e, u.id as user_id, u.name as user_name, u.entity_id, u.manager_id, pt.id as pt_id, pt.name as pt_name, pt.duration_days as d,
            case when ${h("e", 21)} < 300 then 'completed' when ${h("e", 21)} < 850 then 'in_progress' else 'planned' end as code,
            case when ${h("e", 21)} < 300 then ${anchorDate} - (pt.duration_days + 10 + ${h("e", 22)} % 150)
                 when ${h("e", 21)} < 850 then ${anchorDate} - (1 + ${h("e", 22)} % (pt.duration_days - 1))
                 else ${anchorDate} + (1 + ${h("e", 22)} % 14) end as sd
          from generate_series(${lo}, ${hi - 1}) e
          join users u on u.id = ${l.firstEmployeeId} + e
          join project_templates pt on pt.id = ${programOf}
        ) y
      ) x` },
    { table: "users", phase: "projects", sql: `
      update users u set hired_at = (p.start_date + time '09:00') at time zone 'UTC' from projects p where p.onboardee_id = u.id and ${inProjects}` },
    { table: "milestones", phase: "projects", sql: `
      insert into milestones (name, description, project_id, milestone_template_id, start_date, end_date, expected_hours, status_id, position, created_at, updated_at)
      select mt.name, coalesce(mt.description, ''), p.id, mt.id, p.start_date + l.start_offset_days, p.start_date + l.start_offset_days + l.duration_days - 1,
        mt.expected_hours, ${status("milestone", "todo")}, l.position, p.created_at, p.created_at
      from projects p
      join project_template_milestone_template l on l.project_template_id = p.project_template_id
      join milestone_templates mt on mt.id = l.milestone_template_id
      where ${inProjects} order by p.id, l.position` },
    // Task seq k of a program is scheduled at start + k slots (a slot = duration / 100); an
    // in-progress onboardee has finished the slots that elapsed, scaled by a personal pace of 0.6–1.0.
    { table: "tasks", sql: `
      with plan as materialized (
        select l.project_template_id as program_id, l.position as ms_pos, l.start_offset_days + l.duration_days - 1 as ms_end,
          mt.position as task_pos, tt.id as tt_id, tt.name, tt.description, tt.kind, tt.expected_minutes,
          (row_number() over (partition by l.project_template_id order by l.position, mt.position) - 1)::int as seq
        from project_template_milestone_template l
        join milestone_template_task_template mt on mt.milestone_template_id = l.milestone_template_id
        join task_templates tt on tt.id = mt.task_template_id
      ), proj as (
        select p.id as project_id, p.onboardee_id as owner_id, u.manager_id, u.entity_id, p.project_template_id, p.start_date, p.started_at,
          p.created_at, s.code as pcode, pt.duration_days as d,
          case s.code when 'completed' then ${TASKS_PER_PROGRAM} when 'in_progress' then least(${TASKS_PER_PROGRAM - 1},
            floor(extract(epoch from ${a} - p.started_at) / (pt.duration_days * 864.0) * (0.6 + ${h("p.id", 23)} / 2500.0)))::int else 0 end as done_count
        from projects p join users u on u.id = p.onboardee_id join project_templates pt on pt.id = p.project_template_id
        join statuses s on s.id = p.status_id where ${inProjects}
      ), x as (
        select proj.*, pl.*, (proj.project_id - 1) * ${TASKS_PER_PROGRAM} + pl.seq + 1 as id from proj join plan pl on pl.program_id = proj.project_template_id
      ), y as (
        select x.*, ${h("x.id", 31)} as hh,
          x.started_at + (x.seq * x.d * 14.4 + ${h("x.id", 32)} % 60)::float8 * interval '1 minute' as planned_start,
          round(x.expected_minutes * (0.6 + ${h("x.id", 33)} * 0.0012), 2) as actual
        from x
      ), z as (
        select y.*, case when y.pcode = 'completed' then 'done' when y.pcode = 'planned' then 'todo'
            when y.seq < y.done_count then 'done'
            when y.seq = y.done_count then case when y.hh < 100 then 'blocked' else 'in_progress' end
            when y.seq = y.done_count + 1 then case when y.hh < 300 then 'in_review' when y.hh < 500 then 'in_progress' else 'todo' end
            when y.hh < 20 then 'cancelled' else 'todo' end as code
        from y
      ), w as (
        select z.*, case when z.code = 'done' then z.planned_start
            when z.code in ('in_progress', 'in_review', 'blocked') then least(z.planned_start, ${a} - (20 + z.hh % 120) * interval '1 minute') end as started,
          case when z.code = 'done' then z.planned_start + z.actual::float8 * interval '1 minute' end as completed
        from z
      )
      insert into tasks (id, name, description, status_id, task_template_id, created_at, due_date, project_id, milestone_id, entity_id, kind, position,
        expected_minutes, actual_minutes, created_by, started_at, completed_at, completed_by, updated_at)
      select w.id, w.name, w.description, ${statusOf("task", "w.code")}, w.tt_id, w.created_at, (w.start_date + w.ms_end + time '17:00') at time zone 'UTC',
        w.project_id, m.id, w.entity_id, w.kind, w.task_pos, w.expected_minutes, case when w.code = 'done' then w.actual end, w.manager_id,
        w.started, w.completed, case when w.code = 'done' then w.owner_id end, coalesce(w.completed, w.started, w.created_at)
      from w join milestones m on m.project_id = w.project_id and m.position = w.ms_pos
      order by w.id` },
    { table: "tasks_parent_task", sql: `
      insert into tasks_parent_task (task_id, parent_task_id)
      select t.id, parent.id from tasks t
      join task_temp_parent_task_temp l on l.task_template_id = t.task_template_id
      join tasks parent on parent.project_id = t.project_id and parent.task_template_id = l.parent_task_template_id
      where ${inTasks} and parent.id between ${lo * TASKS_PER_PROGRAM + 1} and ${hi * TASKS_PER_PROGRAM}` },
    // Owner = the onboardee, reviewer = their manager, and a team peer helps on ~5 % of tasks.
    { table: "task_assignee", sql: `
      with ${ctx}
      insert into task_assignee (task_id, assignee_id, role, created_at)
      select t.id, v.assignee_id, v.role, t.created_at
      from tasks t join ctx on ctx.project_id = t.project_id
      cross join lateral (values (ctx.owner_id, 'owner'), (ctx.manager_id, 'reviewer'),
        (case when ${h("t.id", 41)} < 50 then ctx.peer_id end, 'helper')) v(assignee_id, role)
      where ${inTasks} and v.assignee_id is not null` },
    { table: "task_steps", sql: `
      with ${tk}
      insert into task_steps (id, task_id, step_template_id, position, name, kind, status_id, started_at, completed_at, completed_by, created_at, updated_at)
      select ${stepId("tk.id", 'l."order"')}, tk.id, st.id, l."order", st.name, st.kind, ${statusOf("task_step", "q.code")},
        case when q.code <> 'todo' then tk.started_at end, q.completed_at, case when q.code = 'done' then tk.owner_id end,
        tk.created_at, coalesce(q.completed_at, tk.started_at, tk.created_at)
      from tk join task_template_step_template l on l.task_template_id = tk.task_template_id join step_templates st on st.id = l.step_template_id
      cross join lateral (select
        case when st.kind = 'instruction' then case when tk.started_at is not null then 'done' else 'todo' end
             when st.kind = 'checklist' and tk.complete then 'done'
             when st.kind = 'quiz' and tk.code in ('done', 'in_review') then tk.code
             when tk.started_at is not null then 'in_progress' else 'todo' end as code,
        case when st.kind = 'instruction' then tk.started_at + interval '3 minutes'
             when st.kind = 'checklist' then ${checklistDone}
             when st.kind = 'quiz' then tk.completed_at end as completed_at) q
      order by 1` },
    // One checklist per task, with the id of its task (each task has exactly one checklist step).
    { table: "checklists", sql: `
      with ${tk}
      insert into checklists (id, status_id, is_completed, task_id, task_step_id, name, mode, completed_at, completed_by, created_at, updated_at)
      select tk.id, ${statusOf("checklist", "case when tk.complete then 'completed' when tk.started_at is not null then 'in_progress' else 'todo' end")},
        tk.complete, tk.id, ${stepId("tk.id", "tk.checklist_pos")}, tk.checklist_name, tk.mode, ${checklistDone},
        case when tk.complete then tk.owner_id end, tk.created_at, coalesce(${checklistDone}, tk.started_at, tk.created_at)
      from tk order by tk.id` },
    { table: "checklist_items", sql: `
      with ${tk}, defs as (
        select st.id as step_template_id, d.ordinality::int as pos, d.value->>'title' as title, coalesce((d.value->>'requires_validation')::boolean, false) as rv
        from step_templates st cross join lateral jsonb_array_elements(st.process_definition->'items') with ordinality d where st.kind = 'checklist'
      )
      insert into checklist_items (checklist_id, status_id, title, position, requires_validation, completed_by, completed_at, validated_by, validated_at, created_at, updated_at)
      select q.id, ${statusOf("checklist_item", "q.code")}, q.title, q.pos, q.rv, case when q.code = 'done' then q.owner_id end, q.done_at,
        case when q.code = 'done' and q.rv then q.manager_id end, case when q.code = 'done' and q.rv then q.done_at end, q.created_at, coalesce(q.done_at, q.created_at)
      from (
        select tk.id, tk.owner_id, tk.manager_id, tk.created_at, d.title, d.pos, d.rv, x.code,
          case when x.code = 'done' then ${doneAt("d.pos")} end as done_at
        from tk join defs d on d.step_template_id = tk.checklist_template_id
        cross join lateral (select case
          when d.pos <= tk.items_done then case when d.rv and tk.code <> 'done' then 'pending_validation' else 'done' end
          when d.pos = tk.items_done + 1 and tk.code in ('in_progress', 'blocked') then tk.code else 'todo' end as code) x
      ) q order by q.id, q.pos` },
    // Done exams were passed on the graded attempt: between the pass mark and full marks.
    { table: "task_results", sql: `
      with ${tk}
      insert into task_results (task_id, performance_metrics, user_id, task_step_id, attempt, score, passed, created_at)
      select r.id, jsonb_build_object('correct_answers', r.correct, 'total_questions', r.total, 'score', round(r.correct::numeric / r.total, 4),
          'max_score', r.total, 'passed', true, 'actual_minutes', r.actual_minutes, 'expected_minutes', r.expected_minutes),
        r.owner_id, r.step_id, 1, round(r.correct::numeric / r.total, 4), true, r.completed_at
      from (
        select tk.id, ${stepId("tk.id", 'l."order"')} as step_id, tk.owner_id, tk.actual_minutes, tk.expected_minutes, tk.completed_at, x.total,
          least(x.total, x.need + ${h("tk.id", 61)} % (x.total - x.need + 1)) as correct
        from tk join task_template_step_template l on l.task_template_id = tk.task_template_id
        join step_templates st on st.id = l.step_template_id and st.kind = 'quiz'
        cross join lateral (select jsonb_array_length(st.process_definition->'questions') as total,
          ceil(jsonb_array_length(st.process_definition->'questions') * (st.process_definition->>'pass_mark')::numeric)::int as need) x
        where tk.kind = 'exam' and tk.code = 'done'
      ) r order by r.id` },
    // Completion cascades upwards: a milestone is completed when all its tasks are final.
    { table: "milestones", phase: "rollups", sql: `
      update milestones m set started_at = a.started, completed_at = case when a.all_final then a.completed end,
        status_id = ${statusOf("milestone", "case when a.all_final then 'completed' when a.started is not null then 'in_progress' else 'todo' end")},
        updated_at = coalesce(case when a.all_final then a.completed end, a.started, m.created_at)
      from (
        select t.milestone_id, min(t.started_at) as started, max(t.completed_at) as completed, bool_and(tst.is_final) as all_final
        from tasks t join statuses tst on tst.id = t.status_id where ${inTasks} group by t.milestone_id
      ) a where m.id = a.milestone_id` },
    { table: "projects", phase: "rollups", sql: `
      update projects p set completed_at = a.completed, updated_at = a.completed
      from (select project_id, max(completed_at) as completed from milestones where project_id between ${lo + 1} and ${hi} group by project_id) a
      where p.id = a.project_id and ${inProjects} and p.status_id = ${status("project", "completed")}` },
  ];
}
