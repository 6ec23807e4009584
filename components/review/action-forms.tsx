"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { DEFAULT_LEGAL_BASIS, EXEMPTION_REASONS, SECRECY_CHECKS, type ReviewDecision } from "@/lib/domain/review";
import { initialFormState, type FormState } from "@/lib/form-state";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

function Outcome({ state }: { state: FormState }) {
  if (!state.message) return null;
  return <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>;
}

function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  return (
    <p id={id} aria-live="polite" className="text-sm text-red-700">
      {errors?.join("；")}
    </p>
  );
}

/** One-button transitions: 提交审核. */
export function SingleActionForm({ action, label, pendingLabel }: { action: Action; label: string; pendingLabel: string }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="space-y-3">
      <Outcome state={state} />
      <Button type="submit" disabled={pending}>
        {pending ? pendingLabel : label}
      </Button>
    </form>
  );
}

export interface ScanFlagView {
  id: string;
  label: string;
  source: string;
  masked: string;
  context: string;
  /** 文本提取中: nothing to acknowledge yet. */
  blocking?: boolean;
}

/**
 * 审核意见. Every stage may approve, return (comment) or reject (statutory reason + comment);
 * 保密审查 also answers the checklist, gives the legal basis, acknowledges each flag of the
 * automatic scan before approving, and may refer the item to the 保密行政管理部门.
 */
export function ReviewForm({
  action,
  revisionId,
  stageLabel,
  secrecy,
  flags,
  referred,
}: {
  action: Action;
  revisionId: string;
  stageLabel: string;
  secrecy: boolean;
  flags: ScanFlagView[];
  referred: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const v = state.values ?? {};
  // Nothing is pre-selected: approving must be a choice, never the click of someone who only
  // meant to send the form (the server refuses a missing decision with 请选择审核意见).
  const [decision, setDecision] = useState<ReviewDecision | null>((v.decision as ReviewDecision | undefined) ?? null);
  const errors = state.fieldErrors ?? {};
  const decisions: [ReviewDecision, string][] = [
    ["APPROVE", "同意公开"],
    ["RETURN", "退回修改"],
    ["REJECT", "不予公开"],
    ...(secrecy && !referred ? ([["REFER", "报送保密行政管理部门"]] as [ReviewDecision, string][]) : []),
  ];
  return (
    <form action={formAction} className="space-y-4" key={JSON.stringify(v)}>
      <Outcome state={state} />
      <input type="hidden" name="revisionId" value={revisionId} />
      {referred && <Alert tone="info">本信息已报送保密行政管理部门。收到答复后，请据此作出审核意见。</Alert>}
      <fieldset className="space-y-2" aria-describedby="decision-error">
        <legend className="text-sm font-medium text-gray-800">{stageLabel}意见</legend>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          {decisions.map(([value, label]) => (
            <label key={value} className="inline-flex items-center gap-2">
              <input type="radio" name="decision" value={value} checked={decision === value} onChange={() => setDecision(value)} />
              {label}
            </label>
          ))}
        </div>
        <FieldError id="decision-error" errors={errors.decision} />
      </fieldset>

      {secrecy && decision === "APPROVE" && (
        <>
          <fieldset className="space-y-2 rounded-md border border-gray-200 p-3" aria-describedby="checklist-error">
            <legend className="px-1 text-sm font-medium text-gray-800">保密审查要点（逐项确认）</legend>
            {SECRECY_CHECKS.map((c) => (
              <label key={c.key} className="flex items-start gap-2 text-sm">
                <input type="checkbox" name={`check:${c.key}`} defaultChecked={v[`check:${c.key}`] === "on"} className="mt-1" />
                <span>
                  <strong className="font-medium">{c.label}</strong>：{c.question}
                </span>
              </label>
            ))}
            <FieldError id="checklist-error" errors={errors.checklist} />
          </fieldset>
          <Field id="legalBasis" label="审查依据" required errors={errors.legalBasis}>
            {(p) => <textarea {...p} name="legalBasis" rows={2} defaultValue={v.legalBasis ?? DEFAULT_LEGAL_BASIS} />}
          </Field>
          <ScanFlags flags={flags} values={v} errors={errors.flags} />
        </>
      )}
      {/* The automatic scan is what a reviewer decides on: shown before any choice, to acknowledge once 同意公开 is chosen. */}
      {secrecy && decision !== "APPROVE" && <ScanFlags flags={flags} values={v} readOnly />}

      {decision === "REJECT" && (
        <Field id="reasonCode" label="不予公开的法定理由" required errors={errors.reasonCode}>
          {(p) => (
            <select {...p} name="reasonCode" defaultValue={v.reasonCode ?? ""}>
              <option value="">请选择</option>
              {EXEMPTION_REASONS.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field
        id="comment"
        label="意见说明"
        required={decision !== null && decision !== "APPROVE"}
        hint={decision === "REFER" ? "说明报送的事项和疑问" : "退回修改或不予公开时必须填写理由"}
        errors={errors.comment}
      >
        {(p) => <textarea {...p} name="comment" rows={3} defaultValue={v.comment ?? ""} />}
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "正在提交…" : "提交审核意见"}
      </Button>
    </form>
  );
}

function ScanFlags({ flags, values, errors, readOnly }: { flags: ScanFlagView[]; values: Record<string, string>; errors?: string[]; readOnly?: boolean }) {
  if (!flags.length) {
    return <p className="text-sm text-gray-600" data-testid="scan-flags">自动检测：未发现身份证号、手机号、银行卡号、电子邮箱或密级标志。</p>;
  }
  return (
    <fieldset className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3" data-testid="scan-flags" aria-describedby="flags-error">
      <legend className="px-1 text-sm font-medium text-amber-900">自动检测提示（{flags.length} 处）</legend>
      <p className="text-xs text-amber-900">请逐项核对。确属可以公开的，勾选确认；否则请退回修改。</p>
      <ul className="space-y-2">
        {flags.map((f) => (
          <li key={f.id} className="text-sm">
            <label className="flex items-start gap-2">
              {!readOnly && !f.blocking && <input type="checkbox" name={`ack:${f.id}`} defaultChecked={values[`ack:${f.id}`] === "on"} className="mt-1" />}
              <span>
                <strong className="font-medium">{f.label}</strong> · {f.source}：<span className="font-mono">{f.masked}</span>
                <span className="block text-xs text-gray-600">…{f.context}…</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      <FieldError id="flags-error" errors={errors} />
    </fieldset>
  );
}

/** 发布: now, or at a chosen time (定时发布). */
export function PublishForm({ action, allowSchedule, minLocal }: { action: Action; allowSchedule: boolean; minLocal: string }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const [mode, setMode] = useState<"now" | "later">(state.values?.mode === "later" ? "later" : "now");
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <Outcome state={state} />
      {allowSchedule && (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-gray-800">发布时间</legend>
          <label className="me-6 inline-flex items-center gap-2">
            <input type="radio" name="mode" value="now" checked={mode === "now"} onChange={() => setMode("now")} />
            立即发布
          </label>
          <label className="inline-flex items-center gap-2">
            <input type="radio" name="mode" value="later" checked={mode === "later"} onChange={() => setMode("later")} />
            定时发布
          </label>
        </fieldset>
      )}
      {allowSchedule && mode === "later" && (
        <Field id="publishAt" label="定时发布时间（北京时间）" required errors={errors.publishAt}>
          {(p) => <input {...p} type="datetime-local" name="publishAt" min={minLocal} defaultValue={state.values?.publishAt ?? ""} />}
        </Field>
      )}
      {!allowSchedule && errors.publishAt && <Alert>{errors.publishAt.join("；")}</Alert>}
      <Button type="submit" disabled={pending}>
        {pending ? "正在发布…" : mode === "later" ? "定时发布" : "发布到公开网站"}
      </Button>
    </form>
  );
}

/** 撤回: takes a published item off the public site, with a reason shown there. */
export function WithdrawForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const [open, setOpen] = useState(!!state.fieldErrors);
  if (!open) {
    return (
      <Button type="button" variant="secondary" onClick={() => setOpen(true)}>
        撤回
      </Button>
    );
  }
  return (
    <form action={formAction} className="space-y-3 rounded-md border border-red-200 p-3" noValidate>
      <Outcome state={state} />
      <Field id="reason" label="撤回理由" required hint="将显示在公开网站该信息的页面上" errors={state.fieldErrors?.reason}>
        {(p) => <textarea {...p} name="reason" rows={2} defaultValue={state.values?.reason ?? ""} />}
      </Field>
      <div className="flex gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "正在撤回…" : "确认撤回"}
        </Button>
        <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
          取消
        </Button>
      </div>
    </form>
  );
}
