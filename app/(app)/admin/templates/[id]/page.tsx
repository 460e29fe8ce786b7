import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { ProgramBuilder } from "@/components/admin/templates/program-builder";
import { Hydrate } from "@/components/query/hydrate";
import { queryKeys } from "@/components/query/query-keys";
import { assertProgramVisible, loadProgramPage } from "./load";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: (await assertProgramVisible((await params).id)).name };
}

export default async function ProgramPage({ params }: Params) {
  const page = await loadProgramPage((await params).id);
  const t = await getTranslations("adminTemplates.program");
  return (
    <div className="flex flex-col gap-4">
      <Breadcrumb label={t("breadcrumb")} trail={[{ href: "/admin/templates", label: t("backToList") }]} />
      <Hydrate entries={[[queryKeys.templates.detail("program", page.tree.id), page.tree]]}>
        <ProgramBuilder programId={page.tree.id} projects={page.projects} writableEntityIds={page.writableEntityIds} professions={page.professions} guides={page.guides} />
      </Hydrate>
    </div>
  );
}
