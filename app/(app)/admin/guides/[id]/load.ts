// The guide page's data, read once per request for the layout, the page and its metadata. A guide
// the admin cannot read (another organisation's, or a draft of another department) is a 404.
import "server-only";
import { cache } from "react";
import { getGuide } from "@/lib/guides/service";
import { guideEditor } from "@/lib/views/admin/guides";
import { readByIdOrNotFound } from "../../read-by-id";

const access = (id: string) => ({ permission: "guides:write", from: `/admin/guides/${id}` }) as const;

export const assertGuideVisible = cache(async (id: string) => (await readByIdOrNotFound(id, access(id), getGuide)).row);

export const loadGuidePage = cache(async (id: string) => (await readByIdOrNotFound(id, access(id), guideEditor)).row);
