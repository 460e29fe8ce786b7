"use client";
// One guide in the reader's language (the server chose it along the fallback chain): its text,
// its video or interactive module, and the reader's acknowledgement. Media is embedded only from
// players the content security policy admits; anything else opens in a new tab.
import { useQuery } from "@tanstack/react-query";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { apiFetch } from "@/components/query/api";
import { queryKeys } from "@/components/query/query-keys";
import { formatInstant } from "@/components/ui/format";
import { BookIcon, CheckIcon, ExternalIcon, PlayIcon } from "@/components/ui/icons";
import { Markdown } from "@/components/ui/markdown";
import { ProblemMessage } from "@/components/ui/problem-message";
import type { GuideDto } from "@/lib/guides/dto";
import type { TaskActions } from "@/components/task/use-task-actions";

/** Hosts whose players may be framed (proxy.ts frame-src). */
const EMBEDDABLE_HOSTS = new Set(["www.youtube-nocookie.com", "player.vimeo.com"]);

function embeddable(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" && EMBEDDABLE_HOSTS.has(parsed.hostname);
  } catch {
    return false;
  }
}

const LANGUAGE_NAMES: Record<string, string> = { en: "English", de: "Deutsch" };

export function GuideCard({ guideId, acknowledge, headingLevel = 3 }: { guideId: number; acknowledge: TaskActions["acknowledge"]; headingLevel?: 3 | 4 }) {
  const t = useTranslations("guides");
  const locale = useLocale();
  const format = useFormatter();
  const { data: guide } = useQuery({
    queryKey: queryKeys.guides.detail(guideId),
    queryFn: ({ signal }) => apiFetch<GuideDto>(`/api/guides/${guideId}`, { signal }),
  });
  if (!guide) return null;
  const translation = guide.translation;
  const title = translation?.title ?? guide.name;
  const Heading = `h${headingLevel}` as "h3";
  const Icon = guide.format === "text" ? BookIcon : PlayIcon;
  const otherLanguage = guide.language !== null && guide.language.split("-")[0] !== locale;
  const mine = acknowledge.variables?.guideId === guide.id;
  const ack = guide.acknowledgement;
  return (
    <article id={`guide-${guide.id}`} aria-labelledby={`guide-${guide.id}-title`} className="scroll-mt-24 rounded-xl border border-slate-200 bg-slate-50/60 p-4 dark:border-slate-800 dark:bg-slate-950/40" data-testid={`guide-${guide.id}`}>
      <div className="flex flex-wrap items-center gap-2">
        <Icon className="h-4 w-4 text-emerald-700 dark:text-emerald-400" />
        <Heading id={`guide-${guide.id}-title`} className="font-semibold">
          {title}
        </Heading>
        <span className="rounded bg-slate-200 px-1.5 py-0.5 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300">{t(`format.${guide.format}`)}</span>
        {guide.language ? (
          <span lang={guide.language} className="text-xs text-slate-600 dark:text-slate-400">
            {LANGUAGE_NAMES[guide.language] ?? guide.language}
          </span>
        ) : null}
      </div>
      {otherLanguage ? <p className="mt-1 text-xs text-amber-800 dark:text-amber-300">{t("fallback", { language: LANGUAGE_NAMES[guide.language ?? ""] ?? guide.language ?? "" })}</p> : null}
      {translation ? (
        <div className="mt-3 flex flex-col gap-3" lang={translation.language}>
          {guide.format === "video" && translation.media_url ? (
            embeddable(translation.media_url) ? (
              <iframe src={translation.media_url} title={title} allow="fullscreen; picture-in-picture" className="aspect-video w-full rounded-lg border-0" />
            ) : (
              <video controls preload="none" src={translation.media_url} className="aspect-video w-full rounded-lg bg-slate-900">
                <a href={translation.media_url}>{t("openVideo")}</a>
              </video>
            )
          ) : null}
          <Markdown source={translation.body} baseLevel={headingLevel + 1} />
          {guide.format === "interactive" && translation.media_url ? (
            embeddable(translation.media_url) ? (
              <iframe src={translation.media_url} title={title} className="h-96 w-full rounded-lg border border-slate-200 dark:border-slate-800" />
            ) : (
              <a
                href={translation.media_url}
                target="_blank"
                rel="noopener noreferrer"
                className="inline-flex items-center gap-1.5 self-start rounded-lg border border-emerald-700 px-3 py-1.5 text-sm font-semibold text-emerald-800 hover:bg-emerald-50 dark:border-emerald-500 dark:text-emerald-300 dark:hover:bg-emerald-950"
              >
                {t("openInteractive")} <ExternalIcon className="h-3.5 w-3.5" />
              </a>
            )
          ) : null}
        </div>
      ) : (
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{t("noTranslation")}</p>
      )}
      <div className="mt-4 flex flex-wrap items-center gap-3 border-t border-slate-200 pt-3 dark:border-slate-800">
        {ack?.is_current ? (
          <p className="flex items-center gap-1.5 text-sm text-emerald-800 dark:text-emerald-300" data-testid="guide-acknowledged">
            <CheckIcon className="h-4 w-4" /> {t("acknowledgedOn", { date: formatInstant(format, ack.acknowledged_at) })}
          </p>
        ) : (
          <>
            {ack ? <p className="text-sm text-amber-800 dark:text-amber-300">{t("changedSince")}</p> : null}
            <button
              type="button"
              disabled={acknowledge.isPending && mine}
              onClick={() => acknowledge.mutate({ guideId: guide.id, version: guide.version, language: guide.language })}
              aria-label={`${t("acknowledge")}: ${title}`}
              className="rounded-lg bg-emerald-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-emerald-800 disabled:opacity-60"
            >
              {t("acknowledge")}
            </button>
          </>
        )}
        {mine ? <ProblemMessage problem={acknowledge.error} /> : null}
      </div>
    </article>
  );
}
