import "server-only";
import { abandonLedgerImport, runLedgerImport } from "@/lib/server/requests/ledger-upload";
import type { JobHandler } from "./queue";

/**
 * 台账导入: runs a confirmed upload's import (its progress is on the LedgerUpload row the page polls).
 * When the last attempt throws, the upload is marked FAILED — otherwise it would stay 正在导入 and
 * block its file.
 */
export const importLedgerJob: JobHandler<"import-ledger"> = async ({ payload, lastAttempt }) => {
  try {
    return await runLedgerImport(payload.uploadId);
  } catch (error) {
    if (lastAttempt) await abandonLedgerImport(payload.uploadId);
    throw error;
  }
};
