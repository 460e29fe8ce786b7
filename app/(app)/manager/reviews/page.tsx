import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LiveTopics } from "@/components/live/live-topics";
import { ReviewQueue } from "@/components/manager/review-queue";
import { ValidationQueue } from "@/components/manager/validation-queue";
import { getDb } from "@/db";
import { requirePrincipal } from "@/lib/auth/session";
import { reviewQueue } from "@/lib/views/manager/review-queue";
import { itemsAwaitingValidation } from "@/lib/views/manager/validation-queue";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("manager.reviews"))("title") };
}

export default async function ReviewsPage() {
  const principal = await requirePrincipal("submissions:review", "/manager/reviews");
  const db = await getDb();
  const submissions = await reviewQueue(db, principal);
  const items = await itemsAwaitingValidation(db, principal);
  const t = await getTranslations("manager.reviews");
  return (
    <div className="flex flex-col gap-8">
      {/* New work from the reader's reports and their part of the organisation re-reads both queues. */}
      <LiveTopics topics={["team:me", `entity:${principal.entityId}`]} refresh />
      <div>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t("title")}</h1>
        <p className="mt-1 text-slate-600 dark:text-slate-400">{t("subtitle", { submissions: submissions.length, items: items.length })}</p>
      </div>
      <ReviewQueue entries={submissions} />
      <ValidationQueue items={items} />
    </div>
  );
}
