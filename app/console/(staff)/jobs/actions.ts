"use server";

import { revalidatePath } from "next/cache";
import { formValues, type FormState } from "@/lib/form-state";
import { requireActor } from "@/lib/server/platform/auth";
import { retryDeadJob } from "@/lib/server/jobs/dead-letters";

/** 重新执行 a dead-lettered job: the use case authorises (job.manage), acts once and audits. */
export async function retryDeadJobAction(_: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const result = await retryDeadJob(actor, formValues(formData));
  if (!result.ok) return { ok: false, message: result.message };
  revalidatePath("/console/jobs");
  return { ok: true, message: "已重新加入队列。" };
}
