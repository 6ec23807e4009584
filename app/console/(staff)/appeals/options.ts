import { APPEAL_KINDS, APPEAL_RESULTS } from "@/lib/domain/requests/ledger-records";
import { APPEAL_KIND_TITLES, APPEAL_RESULT_LABELS } from "@/lib/server/requests/appeals";

export const KIND_OPTIONS: [string, string][] = APPEAL_KINDS.map((k) => [k, APPEAL_KIND_TITLES[k]]);
export const RESULT_OPTIONS: [string, string][] = APPEAL_RESULTS.map((r) => [r, APPEAL_RESULT_LABELS[r]]);
