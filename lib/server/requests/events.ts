import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { ClockEvent } from "@/lib/domain/requests/clock-events";
import type { RequestEventName } from "@/lib/domain/requests/status";
import type { RequestDocumentKind } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { invalid, ok, type Result } from "@/lib/server/platform/result";
import { expectOne, refuseNotFound, write, type Target } from "@/lib/server/platform/use-case";
import { appendEvent, clockOf, dateSchema, decide, findInScope, onConstraint, refuseClock, refuseDecision, todayOf } from "./shared";

/**
 * 办理事项 that move the clock: 补正告知 and its receipt (第三十条), consultations (第三十二条,
 * 第三十四条), the one extension (第三十三条第二款, with the approver recorded) and the 第三十五条
 * deadline. Each is validated by replaying the clock with it appended, so every rule of
 * lib/domain/requests/clock.ts refuses here with its own message.
 */

const on = dateSchema("日期");
export const clockEventInputSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("CORRECTION_REQUESTED"),
    on,
    deadline: dateSchema("补正期限"),
    /** Listed once (一次性告知); kept under its placeholder's name, so the 补正告知书 prints it. */
    补正事项: z.string().trim().max(2000, "补正事项不能超过 2000 个字").optional(),
  }),
  z.object({ type: z.literal("CORRECTION_RECEIVED"), on }),
  z.object({
    type: z.literal("CONSULTATION_STARTED"),
    on,
    party: z.enum(["third_party", "agency"], { error: "请选择征求意见的对象" }),
    name: z.string().trim().max(100, "名称不能超过 100 个字").optional(),
    noticeReceivedOn: dateSchema("对方收到日期").optional(),
  }),
  z.object({ type: z.literal("CONSULTATION_ENDED"), on, id: z.string().max(40) }),
  z.object({
    type: z.literal("EXTENDED"),
    on,
    days: z.coerce.number({ error: "请填写延长的工作日数" }).int("请填写整数"),
    approver: z.string().trim().max(50, "批准人不能超过 50 个字").default(""),
    /** Kept under its placeholder's name, so the 延期答复告知书 prints it. */
    延期理由: z.string().trim().max(500, "延期理由不能超过 500 个字").optional(),
  }),
  z.object({ type: z.literal("CUSTOM_DEADLINE"), on, due: dateSchema("答复期限"), reason: z.string().trim().min(1, "请填写理由").max(500, "理由不能超过 500 个字") }),
], { error: "请选择办理事项" });

const TRANSITION: Record<z.infer<typeof clockEventInputSchema>["type"], RequestEventName> = {
  CORRECTION_REQUESTED: "request_correction",
  CORRECTION_RECEIVED: "receive_correction",
  CONSULTATION_STARTED: "clock_event",
  CONSULTATION_ENDED: "clock_event",
  EXTENDED: "clock_event",
  CUSTOM_DEADLINE: "clock_event",
};

/** The notice a clock event sends (drafted here; the letters render it). */
const NOTICE: Partial<Record<ClockEvent["type"], RequestDocumentKind>> = {
  CORRECTION_REQUESTED: "CORRECTION_NOTICE",
  EXTENDED: "EXTENSION_NOTICE",
};

export async function recordClockEvent(actor: Actor, id: string, input: unknown, now = new Date()): Promise<Result<{ seq: number }>> {
  const target: Target = { action: "request.event", entity: "DisclosureRequest", entityId: id };
  const parsed = clockEventInputSchema.safeParse(input);
  if (!parsed.success) return invalid(z.flattenError(parsed.error).fieldErrors as Record<string, string[]>);
  if (parsed.data.type === "CUSTOM_DEADLINE") {
    const latest = oneYearAfter(todayOf(now));
    if (parsed.data.due > latest) return invalid({ due: [`第三十五条的答复期限最迟为一年后（${latest}），请核对日期`] });
  }
  const loaded = await findInScope(actor, id);
  if (!loaded) return refuseNotFound(actor, target);
  const d = decide(loaded, TRANSITION[parsed.data.type], actor);
  if (!d.ok) return refuseDecision(actor, target, d);
  const event: ClockEvent =
    parsed.data.type === "CONSULTATION_STARTED" ? { ...parsed.data, id: randomBytes(6).toString("hex") } : (parsed.data as ClockEvent);
  const clock = await clockOf([...loaded.events, event], todayOf(now));
  if (!clock.ok) return refuseClock(actor, target, clock);
  const seq = loaded.events.length + 1;
  return write(
    actor,
    target,
    async (tx) => {
      const { count } = await tx.disclosureRequest.updateMany({ where: { id, status: d.from }, data: { status: d.to } });
      expectOne(count, "该申请状态已变化，请刷新后查看。");
      await appendEvent(tx, id, seq, event, actor.id);
      const notice = NOTICE[event.type] ?? (event.type === "CONSULTATION_STARTED" && event.party === "third_party" ? "THIRD_PARTY_LETTER" : null);
      if (notice) await tx.requestDocument.create({ data: { requestId: id, kind: notice, fields: { ...event }, draftedById: actor.id } });
      await audit(tx, { actor, ...target, detail: { seq, ...event } });
      return ok({ seq });
    },
    { onConstraint },
  );
}

/** The same day a year on (29 February → 28 February): the latest 第三十五条 deadline that may be set. */
function oneYearAfter(date: string): string {
  const [y, m, d] = date.split("-");
  const next = `${Number(y) + 1}-${m}-${d}`;
  return m === "02" && d === "29" ? `${Number(y) + 1}-02-28` : next;
}
