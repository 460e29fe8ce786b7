"use client";
// Starting a published program for a person: find them by name or email, start it through the
// specification's POST /api/onboarding/start, and go to the project it created (or the one that
// already runs: starting twice answers the running project instead of a second one).
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useDeferredValue, useId, useState } from "react";
import { type ApiProblem, apiFetch, queryString } from "@/components/query/api";
import { queryKeys } from "@/components/query/query-keys";
import { ProblemMessage } from "@/components/ui/problem-message";
import type { UserDto } from "@/lib/entities/user-record";
import type { ProjectDetailDto } from "@/lib/projects/dto";
import { Button, TextInput } from "./controls";

type Started = { created: boolean; project: ProjectDetailDto };

export function StartProgram({ programId, programName, onClose }: { programId: number; programName: string; onClose: () => void }) {
  const t = useTranslations("adminTemplates.start");
  const [search, setSearch] = useState("");
  const query = useDeferredValue(search.trim());
  const [chosen, setChosen] = useState<number | null>(null);
  const group = useId();
  const router = useRouter();
  const people = useQuery({
    queryKey: queryKeys.templates.list("people", { q: query }),
    queryFn: ({ signal }) => apiFetch<{ items: UserDto[] }>(`/api/users${queryString({ q: query, is_active: "true", limit: 20 })}`, { signal }),
  });
  const start = useMutation<Started, ApiProblem, number>({
    mutationFn: (userId) => apiFetch<Started>("/api/onboarding/start", { method: "POST", body: { user_id: userId, project_template_id: programId } }),
    // The page's count of projects started from this revision moves with it.
    onSuccess: () => router.refresh(),
  });
  const chosenPerson = people.data?.items.find((p) => p.id === chosen);

  return (
    <section aria-labelledby={`${group}-heading`} className="flex flex-col gap-3 rounded-xl border border-emerald-200 bg-white p-4 dark:border-emerald-900 dark:bg-slate-900">
      <h2 id={`${group}-heading`} className="text-base font-semibold">
        {t("title", { name: programName })}
      </h2>
      {start.data ? (
        <div role="status" className="flex flex-col gap-2 rounded-lg bg-emerald-50 p-3 text-sm text-emerald-900 dark:bg-emerald-950/50 dark:text-emerald-100">
          <p className="font-semibold">{start.data.created ? t("started", { name: start.data.project.onboardee_name ?? "" }) : t("alreadyRunning", { name: start.data.project.onboardee_name ?? "" })}</p>
          <div className="flex flex-wrap gap-3">
            <Link href={`/timeline?project=${start.data.project.id}`} className="font-semibold underline">
              {t("openProject", { name: start.data.project.name })}
            </Link>
            <button type="button" className="underline" onClick={() => start.reset()}>
              {t("another")}
            </button>
          </div>
        </div>
      ) : (
        <>
          <TextInput type="search" label={t("search")} hint={t("searchHint")} value={search} onChange={setSearch} maxLength={100} />
          <fieldset className="flex flex-col gap-1">
            <legend className="mb-1 text-sm font-medium">{t("person")}</legend>
            {people.isPending ? <p className="text-sm text-slate-600 dark:text-slate-400">{t("loading")}</p> : null}
            {people.data?.items.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">{t("nobody")}</p> : null}
            <ul className="flex max-h-64 flex-col gap-1 overflow-y-auto">
              {people.data?.items.map((person) => (
                <li key={person.id}>
                  <label className="flex cursor-pointer items-center gap-2 rounded-lg px-2 py-1.5 text-sm hover:bg-slate-50 dark:hover:bg-slate-800">
                    <input type="radio" name={`${group}-person`} checked={chosen === person.id} onChange={() => setChosen(person.id)} className="h-4 w-4 accent-emerald-700" />
                    <span className="font-medium">{person.name}</span>
                    <span className="text-xs text-slate-600 dark:text-slate-400">
                      {person.entity_name} · {person.email}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <ProblemMessage problem={people.error as ApiProblem | null} />
          <ProblemMessage problem={start.error} />
          <div className="flex flex-wrap gap-2">
            <Button look="primary" disabled={chosen === null} pending={start.isPending} onClick={() => chosen !== null && start.mutate(chosen)}>
              {chosenPerson ? t("startFor", { name: chosenPerson.name }) : t("start")}
            </Button>
            <Button onClick={onClose}>{t("close")}</Button>
          </div>
        </>
      )}
    </section>
  );
}
