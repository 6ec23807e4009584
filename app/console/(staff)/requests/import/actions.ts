"use server";

import { redirect } from "next/navigation";
import type { FormState } from "@/lib/form-state";
import { sendJob } from "@/lib/server/jobs/queue";
import { requireActor } from "@/lib/server/platform/auth";
import { confirmLedgerImport } from "@/lib/server/requests/ledger-upload";

/** 确认导入: claims the previewed upload (a second click is refused), queues the job, shows its progress. */
export async function confirmImportAction(_: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const uploadId = String(formData.get("uploadId") ?? "");
  const result = await confirmLedgerImport(actor, uploadId, (id) => sendJob("import-ledger", { uploadId: id }));
  if (!result.ok) return { ok: false, message: result.message };
  redirect(`/console/requests/import?upload=${encodeURIComponent(result.value.uploadId)}`);
}
