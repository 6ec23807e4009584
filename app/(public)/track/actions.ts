"use server";

import type { TrackState } from "@/lib/domain/requests/public-application";
import { requestMeta } from "@/lib/server/platform/request-context";
import { trackPublic } from "@/lib/server/requests/public";

/** 查询: the code comes in the POST body, never in the URL. */
export async function trackAction(_: TrackState, formData: FormData): Promise<TrackState> {
  return trackPublic(formData instanceof FormData ? formData.get("code") : null, await requestMeta());
}
