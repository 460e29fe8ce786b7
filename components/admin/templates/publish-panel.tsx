"use client";
// Publishing a program: first what it freezes (the program and every draft below it, which are
// published with it), then the server's answer — the new revision, or each problem to fix.
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { AlertIcon } from "@/components/ui/icons";
import type { ApiProblem } from "@/components/query/api";
import { Badge, Button } from "./controls";
import { type ProgramTree, publishTemplate, useBuilder } from "./program-data";
import { draftsBelow } from "./publish-scope";

export function PublishPanel({ program, onClose, onPublished }: { program: ProgramTree; onClose: () => void; onPublished: () => void }) {
  const t = useTranslations("adminTemplates.publish");
  const kinds = useTranslations("adminTemplates.kinds");
  const s = useTranslations("states");
  const { refresh } = useBuilder();
  const frozen = draftsBelow(program);
  const publish = useMutation<unknown, ApiProblem>({
    mutationFn: () => publishTemplate("project", program),
    onSuccess: onPublished,
    onSettled: () => refresh(),
  });
  const issues = (publish.error?.issues ?? []).filter((i) => i.path !== "(root)" || i.message !== publish.error?.message);
  return (
    <section aria-labelledby="publish-heading" className="flex flex-col gap-3 rounded-xl border border-amber-300 bg-amber-50 p-4 dark:border-amber-800 dark:bg-amber-950/40">
      <h2 id="publish-heading" className="text-base font-semibold">
        {t("title")}
      </h2>
      <p className="text-sm">{t("explain")}</p>
      <ul className="flex max-h-64 flex-col gap-1 overflow-y-auto text-sm" aria-label={t("frozenList")}>
        {frozen.map((node) => (
          <li key={`${node.kind}-${node.id}`} className="flex items-center gap-2">
            <Badge>{kinds(node.kind)}</Badge>
            <span>{node.name}</span>
          </li>
        ))}
      </ul>
      <p className="text-sm">{t("after")}</p>
      {publish.error ? (
        <div role="alert" className="flex flex-col gap-1 rounded-lg border border-red-200 bg-white p-3 dark:border-red-900 dark:bg-slate-900">
          <p className="flex items-start gap-1.5 text-sm text-red-700 dark:text-red-300">
            <AlertIcon className="mt-0.5 h-4 w-4 shrink-0" />
            <span>{publish.error.status === 0 ? s("offline") : publish.error.status === 409 || publish.error.status === 412 ? `${publish.error.message} ${s("reloadHint")}` : publish.error.message}</span>
          </p>
          {issues.length ? (
            <ul className="list-disc pl-6 text-sm text-red-800 dark:text-red-200">
              {issues.map((issue) => (
                <li key={`${issue.path}-${issue.message}`}>{issue.message}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button look="primary" pending={publish.isPending} onClick={() => publish.mutate()}>
          {publish.isPending ? t("publishing") : t("confirm")}
        </Button>
        <Button onClick={onClose}>{t("cancel")}</Button>
      </div>
    </section>
  );
}
