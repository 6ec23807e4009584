import "server-only";
import { runLedgerImport } from "@/lib/server/requests/ledger-upload";
import type { JobHandler } from "./queue";

/** 台账导入: runs a confirmed upload's import (its progress is on the LedgerUpload row the page polls). */
export const importLedgerJob: JobHandler<"import-ledger"> = async ({ payload }) => runLedgerImport(payload.uploadId);
