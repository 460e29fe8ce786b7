// The guide page's data, read once per request for the layout, the page and its metadata. A guide
// the admin cannot read (another organisation's, or a draft of another department) is a 404.
import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { ApiError } from "@/lib/api/errors";
import { requirePrincipal } from "@/lib/auth/session";
import { idParamsSchema } from "@/lib/guides/validators";
import { getGuide } from "@/lib/guides/service";
import { guideEditor } from "@/lib/views/admin/guides";

async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) notFound();
    throw error;
  }
}

function guideIdOf(id: string): number {
  const parsed = idParamsSchema.safeParse({ id });
  if (!parsed.success) notFound();
  return parsed.data.id;
}

export const assertGuideVisible = cache(async (id: string) => {
  const guideId = guideIdOf(id);
  const principal = await requirePrincipal("guides:write", `/admin/guides/${id}`);
  return orNotFound(getGuide(await getDb(), principal, { id: guideId }));
});

export const loadGuidePage = cache(async (id: string) => {
  const guideId = guideIdOf(id);
  const principal = await requirePrincipal("guides:write", `/admin/guides/${id}`);
  return orNotFound(guideEditor(await getDb(), principal, { id: guideId }));
});
