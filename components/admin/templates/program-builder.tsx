"use client";
// The template builder for one program: its state and actions (edit, publish, new version, start
// for a person, delete), and its milestones → tasks → steps as a tree whose levels move by drag
// and drop. Drafts of the admin's own organisation are editable; published revisions are frozen.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { ProblemMessage } from "@/components/ui/problem-message";
import type { ApiProblem } from "@/components/query/api";
import { Badge, Button } from "./controls";
import type { GuideOption } from "./definition-editors";
import { MilestoneNode } from "./milestone-node";
import { type Builder, BuilderContext, deleteTemplate, draftOf, linksOf, putMilestones, useBuilder, useProgramTree } from "./program-data";
import { NewMilestoneForm, ProgramDetailsForm } from "./program-forms";
import { PublishPanel } from "./publish-panel";
import { SortableList } from "./sortable-list";
import { StartProgram } from "./start-program";
import { StateBadge } from "./state-badge";

type Props = {
  programId: number;
  projects: number;
  writableEntityIds: number[];
  professions: { id: number; name: string }[];
  guides: GuideOption[];
};

export function ProgramBuilder({ programId, projects, writableEntityIds, professions, guides }: Props) {
  const builder = useMemo<Builder>(() => ({ programId, writableEntityIds: new Set(writableEntityIds), professions }), [programId, writableEntityIds, professions]);
  return (
    <BuilderContext.Provider value={builder}>
      <ProgramView programId={programId} projects={projects} guides={guides} />
    </BuilderContext.Provider>
  );
}

type Panel = "details" | "publish" | "start" | "delete" | "milestone" | null;

function ProgramView({ programId, projects, guides }: { programId: number; projects: number; guides: GuideOption[] }) {
  const t = useTranslations("adminTemplates.program");
  const router = useRouter();
  const { editable, revisable, refresh, writableEntityIds } = useBuilder();
  const tree = useProgramTree(programId);
  const [panel, setPanel] = useState<Panel>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const action = useMutation<unknown, ApiProblem, () => Promise<unknown>>({ mutationFn: (run) => run(), onSettled: () => refresh() });
  const program = tree.data;
  if (!program) return <ProblemMessage problem={tree.error as ApiProblem | null} />;

  const mine = editable(program);
  const owned = program.entity_id !== null && writableEntityIds.has(program.entity_id);
  const links = linksOf(program);
  const toggle = (which: Panel) => setPanel(panel === which ? null : which);
  const newVersion = () =>
    action.mutate(async () => {
      const draft = await draftOf("project", program);
      router.push(`/admin/templates/${draft.id}`);
    });
  const remove = () =>
    action.mutate(async () => {
      await deleteTemplate("project", program);
      router.push("/admin/templates");
    });

  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{program.name}</h1>
          <StateBadge node={program} />
          {program.entity_id === null ? <Badge>{t("shared")}</Badge> : null}
        </div>
        {program.description ? <p className="max-w-3xl text-slate-600 dark:text-slate-400">{program.description}</p> : null}
        <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600 dark:text-slate-400">
          <span>{t("length", { days: program.duration_days })}</span>
          <span>{t("milestoneCount", { count: program.milestones.length })}</span>
          <span>{t("inUse", { count: projects })}</span>
        </p>
        {program.is_draft ? null : <p className="text-sm text-slate-700 dark:text-slate-300">{t("frozen")}</p>}
      </header>

      <div className="flex flex-wrap gap-2" role="group" aria-label={t("actions")}>
        {mine ? (
          <Button onClick={() => toggle("details")} aria-expanded={panel === "details"}>
            {t("editDetails")}
          </Button>
        ) : null}
        {mine ? (
          <Button look="primary" onClick={() => toggle("publish")} aria-expanded={panel === "publish"}>
            {t("publish")}
          </Button>
        ) : null}
        {!program.is_draft ? (
          <Button look="primary" onClick={() => toggle("start")} aria-expanded={panel === "start"}>
            {t("start")}
          </Button>
        ) : null}
        {revisable(program) ? (
          <Button onClick={newVersion} pending={action.isPending}>
            {t("newVersion")}
          </Button>
        ) : null}
        {owned ? (
          <Button look="danger" onClick={() => toggle("delete")} aria-expanded={panel === "delete"}>
            {t("delete")}
          </Button>
        ) : null}
      </div>

      {notice ? (
        <p role="status" className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:bg-emerald-950/50 dark:text-emerald-100">
          {notice}
        </p>
      ) : null}
      <ProblemMessage problem={action.error} />
      {panel === "details" ? <ProgramDetailsForm program={program} onDone={() => setPanel(null)} /> : null}
      {panel === "publish" && mine ? (
        <PublishPanel
          program={program}
          onClose={() => setPanel(null)}
          onPublished={() => {
            setPanel(null);
            setNotice(t("published"));
          }}
        />
      ) : null}
      {panel === "start" && !program.is_draft ? <StartProgram programId={program.id} programName={program.name} onClose={() => setPanel(null)} /> : null}
      {panel === "delete" ? (
        <div role="group" aria-label={t("deleteTitle")} className="flex flex-col gap-2 rounded-xl border border-red-300 bg-red-50 p-4 dark:border-red-900 dark:bg-red-950/40">
          <p className="text-sm font-semibold">{t("deleteTitle")}</p>
          <p className="text-sm">{program.is_draft ? t("deleteDraft") : t("deletePublished")}</p>
          <div className="flex flex-wrap gap-2">
            <Button look="danger" onClick={remove} pending={action.isPending}>
              {t("deleteConfirm")}
            </Button>
            <Button onClick={() => setPanel(null)}>{t("cancel")}</Button>
          </div>
        </div>
      ) : null}

      <section aria-labelledby="milestones-heading" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="milestones-heading" className="text-lg font-semibold">
            {t("milestones")}
          </h2>
          {mine && panel !== "milestone" ? (
            <Button onClick={() => setPanel("milestone")} aria-expanded={false}>
              {t("addMilestone")}
            </Button>
          ) : null}
        </div>
        {mine ? <p className="text-sm text-slate-600 dark:text-slate-400">{t("dragHint")}</p> : null}
        {panel === "milestone" ? <NewMilestoneForm program={program} onDone={() => setPanel(null)} /> : null}
        {program.milestones.length === 0 ? <EmptyState title={t("noMilestones")} body={mine ? t("noMilestonesBody") : undefined} /> : null}
        <SortableList
          listId={`program-${program.id}`}
          label={t("milestonesOf", { name: program.name })}
          rows={program.milestones}
          enabled={mine}
          onReorder={(ids) => action.mutate(() => putMilestones(program, ids.flatMap((id) => links.filter((l) => l.milestone_template_id === id))))}
          renderRow={(milestone, handle) => (
            <MilestoneNode
              program={program}
              milestone={milestone}
              handle={handle}
              guides={guides}
              onSchedule={(schedule) => putMilestones(program, links.map((l) => (l.milestone_template_id === milestone.id ? { ...l, ...schedule } : l)))}
              onRemove={() => action.mutate(() => putMilestones(program, links.filter((l) => l.milestone_template_id !== milestone.id)))}
              onReplace={(draftId) =>
                putMilestones(
                  program,
                  links.map((l) => (l.milestone_template_id === milestone.id ? { ...l, milestone_template_id: draftId } : l)),
                )
              }
            />
          )}
        />
      </section>
    </div>
  );
}
