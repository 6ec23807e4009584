import "server-only";
import { z } from "zod";
import { formatChineseDateTime } from "@/lib/domain/dates";
import { applicationSchema, type ApplicationInput } from "@/lib/domain/requests/application-schema";
import { ID_COPY_MAX_BYTES, ID_COPY_TOO_LARGE } from "@/lib/domain/requests/id-copy";
import { FREE_APPLICATIONS_PER_DAY, type ApplicationReceipt, type ApplyState, type TrackState } from "@/lib/domain/requests/public-application";
import {
  APPLICANT_TYPE_LABELS,
  DELIVERY_FORM_LABELS,
  DELIVERY_METHOD_LABELS,
  ID_DOCUMENT_TYPE_LABELS,
  isOrganisation,
} from "@/lib/domain/requests/vocabulary";
import { parseTrackingCode } from "@/lib/domain/requests/tracking-code";
import { verifyAndSpendChallenge } from "@/lib/server/platform/challenge";
import { trackingCodeHash } from "@/lib/server/platform/crypto";
import { db } from "@/lib/server/platform/db";
import { clientKey, consumeRateLimit, RATE_LIMITS, refundRateLimit } from "@/lib/server/platform/rate-limit";
import { sealIdCopy, type SealedIdCopy } from "./id-copy";
import { NOT_TRACKABLE, submitOnlineApplication, trackRequest } from "./intake";
import { maskIdNumber, maskName } from "./shared";

/**
 * The public side of 依申请公开: /apply files an application (rate-limited per address, the
 * challenge from the third one in a day, the ID copy sealed with it) and answers with the 回执;
 * /track answers a 查询码 with status and dates only.
 */

type Meta = { ip: string | null; userAgent: string | null };

export interface ApplicationForm {
  values: Record<string, string>;
  idCopy: { name: string; size: number; bytes: () => Promise<Uint8Array> } | null;
  challenge: unknown;
}

/** Typed values sent back so the form keeps them; a pasted megabyte is not echoed in full. */
const ECHO_MAX = 20_000;
const echo = (values: Record<string, string>) => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.slice(0, ECHO_MAX)]));

export async function applyOnline(form: ApplicationForm, meta: Meta, now = new Date()): Promise<ApplyState> {
  const values = echo(form.values);
  const editing = (message: string, fieldErrors: Record<string, string[] | undefined> = {}, challenge = false): ApplyState => ({
    status: "editing",
    message,
    fieldErrors,
    values,
    challenge,
  });
  const key = clientKey(meta.ip);
  const attempt = await consumeRateLimit(RATE_LIMITS.applyAttempt, key, now);
  if (!attempt.ok) return editing(attempt.message);

  const parsed = applicationSchema.safeParse(form.values);
  const fieldErrors: Record<string, string[] | undefined> = parsed.success ? {} : { ...z.flattenError(parsed.error).fieldErrors };
  let idCopy: SealedIdCopy | undefined;
  if (form.idCopy && form.idCopy.size > ID_COPY_MAX_BYTES) {
    fieldErrors.idCopy = [ID_COPY_TOO_LARGE];
  } else if (form.idCopy && form.idCopy.size > 0) {
    const sealed = await sealIdCopy(form.idCopy.name, await form.idCopy.bytes());
    if (sealed.ok) idCopy = sealed.value;
    else fieldErrors.idCopy = [sealed.message];
  }
  if (!parsed.success || fieldErrors.idCopy) return editing("请检查标红的内容。", fieldErrors);

  const submitted = await consumeRateLimit(RATE_LIMITS.applySubmitted, key, now);
  if (!submitted.ok) return editing(submitted.message);
  const challengeAsked = submitted.consumed > FREE_APPLICATIONS_PER_DAY;
  if (challengeAsked) {
    const check = await verifyAndSpendChallenge(form.challenge);
    if (!check.ok) {
      await refundRateLimit(RATE_LIMITS.applySubmitted, key);
      return editing(check.message, { altcha: [check.message] }, true);
    }
  }
  const result = await submitOnlineApplication(form.values, meta, now, { idCopy });
  if (!result.ok) {
    await refundRateLimit(RATE_LIMITS.applySubmitted, key);
    return editing(result.message, result.fieldErrors, challengeAsked);
  }
  const receipt = receiptOf(parsed.data, result.value, Boolean(idCopy));
  return { status: "received", receipt, challenge: submitted.consumed >= FREE_APPLICATIONS_PER_DAY };
}

function receiptOf(a: ApplicationInput, r: { trackingCode: string; receiptRule: string; submittedAt: Date }, idCopy: boolean): ApplicationReceipt {
  return {
    trackingCode: r.trackingCode,
    submittedAt: formatChineseDateTime(r.submittedAt),
    receiptRule: r.receiptRule,
    summary: {
      applicantType: `${isOrganisation(a.applicantType) ? "法人或其他组织·" : ""}${APPLICANT_TYPE_LABELS[a.applicantType]}`,
      name: maskName(a.name, isOrganisation(a.applicantType)),
      idType: ID_DOCUMENT_TYPE_LABELS[a.idType],
      idNumber: maskIdNumber(a.idNumber),
      description: a.description,
      purpose: a.purpose,
      deliveryForm: DELIVERY_FORM_LABELS[a.deliveryForm],
      deliveryMethod: DELIVERY_METHOD_LABELS[a.deliveryMethod],
      idCopy,
    },
  };
}

/**
 * /track. A malformed code, a code never issued and an application not yet confirmed get the same
 * words, so the answer tells a guesser nothing about which codes exist.
 */
export async function trackPublic(code: unknown, meta: Meta, now = new Date()): Promise<TrackState> {
  const typed = typeof code === "string" ? code.slice(0, 100) : "";
  const limit = await consumeRateLimit(RATE_LIMITS.track, clientKey(meta.ip), now);
  if (!limit.ok) return { status: "refused", message: limit.message, code: typed };
  const result = await trackRequest(typed, now);
  if (!result.ok) return { status: "refused", message: NOT_TRACKABLE, code: typed };
  const v = result.value;
  const parsed = parseTrackingCode(typed);
  // Closed with a delivered 答复书 (imported history has none to download).
  const replyReady =
    v.status === "CLOSED" &&
    parsed.ok &&
    (await db().requestDocument.count({
      where: { kind: "REPLY", deliveredOn: { not: null }, returnedAt: null, request: { trackingCodeHash: trackingCodeHash(parsed.code) } },
    })) > 0;
  return {
    status: "found",
    code: typed,
    answer: { statusLabel: v.statusLabel, receivedOn: v.receivedOn, dueOn: v.dueOn, provisional: v.provisional, closedOn: v.closedOn, replyReady },
  };
}
