"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { initialFormState, type FormState } from "@/lib/form-state";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

export type ClockEventChoice = "CORRECTION_REQUESTED" | "CORRECTION_RECEIVED" | "CONSULTATION_STARTED" | "CONSULTATION_ENDED" | "EXTENDED" | "CUSTOM_DEADLINE";

const CHOICE_LABELS: Record<ClockEventChoice, string> = {
  CORRECTION_REQUESTED: "补正告知（条例第三十条）",
  CORRECTION_RECEIVED: "收到补正",
  CONSULTATION_STARTED: "征求意见（第三十二条 第三方 / 第三十四条 其他机关）",
  CONSULTATION_ENDED: "征求意见结束",
  EXTENDED: "延长答复期限（第三十三条第二款）",
  CUSTOM_DEADLINE: "确定合理答复期限（第三十五条）",
};

/**
 * 登记办理事项: one form, its fields by the event chosen. The server replays the clock with the
 * event appended and refuses with the clock's own Chinese message (a second extension, more than
 * 20 working days, after the due date …); everything typed stays.
 */
export function ClockEventForm({
  action,
  choices,
  openConsultations,
  today,
}: {
  action: Action;
  choices: ClockEventChoice[];
  openConsultations: { id: string; label: string }[];
  today: string;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const v = state.values ?? {};
  const errors = state.fieldErrors ?? {};
  const [type, setType] = useState<ClockEventChoice | "">((v.type as ClockEventChoice) ?? "");
  const date = (name: string, label: string, opts: { hint?: string; required?: boolean; fallback?: string; noMax?: boolean } = {}) => (
    <Field id={`ce-${name}`} label={label} required={opts.required ?? true} hint={opts.hint} errors={errors[name]}>
      {(p) => <input {...p} type="date" name={name} max={opts.noMax ? undefined : today} defaultValue={v[name] ?? opts.fallback ?? ""} />}
    </Field>
  );
  const text = (name: string, label: string, opts: { hint?: string; required?: boolean; rows?: number; inputMode?: "numeric" } = {}) => (
    <Field id={`ce-${name}`} label={label} required={opts.required ?? true} hint={opts.hint} errors={errors[name]}>
      {(p) =>
        opts.rows ? (
          <textarea {...p} name={name} rows={opts.rows} defaultValue={v[name] ?? ""} />
        ) : (
          <input {...p} name={name} inputMode={opts.inputMode} defaultValue={v[name] ?? ""} autoComplete="off" />
        )
      }
    </Field>
  );
  return (
    <form action={formAction} className="space-y-3" noValidate key={JSON.stringify(v)}>
      {state.message && <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>}
      <Field id="ce-type" label="办理事项" required errors={errors.type}>
        {(p) => (
          <select {...p} name="type" value={type} onChange={(e) => setType(e.target.value as ClockEventChoice)}>
            <option value="">请选择</option>
            {choices.map((c) => (
              <option key={c} value={c}>
                {CHOICE_LABELS[c]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {type === "CORRECTION_REQUESTED" && (
        <>
          {date("on", "告知日期", { fallback: today, hint: "应在收到申请之日起 7 个工作日内一次性告知" })}
          {text("补正事项", "补正事项", { rows: 3, hint: "一次性列明需要补正的事项，每行一项；将写入补正告知书" })}
          {date("deadline", "补正期限", { noMax: true, hint: "给予申请人的合理补正期限的最后一日" })}
        </>
      )}
      {type === "CORRECTION_RECEIVED" && date("on", "收到补正日期", { fallback: today, hint: "答复期限自该日起重新计算" })}
      {type === "CONSULTATION_STARTED" && (
        <>
          <fieldset className="space-y-1" aria-describedby="ce-party-error">
            <legend className="text-sm font-medium text-gray-800">征求意见的对象</legend>
            <label className="me-6 inline-flex items-center gap-2 text-sm">
              <input type="radio" name="party" value="third_party" defaultChecked={v.party === "third_party"} />
              第三方（条例第三十二条）
            </label>
            <label className="inline-flex items-center gap-2 text-sm">
              <input type="radio" name="party" value="agency" defaultChecked={v.party === "agency"} />
              其他机关（条例第三十四条）
            </label>
            <p id="ce-party-error" aria-live="polite" className="text-sm text-red-700">
              {errors.party?.join("；")}
            </p>
          </fieldset>
          {text("name", "名称", { hint: "第三方或机关的名称" })}
          {date("on", "发出日期", { fallback: today })}
          {date("noticeReceivedOn", "对方收到日期", { required: false, hint: "对方的 15 个工作日自其收到之日起算；未知时按发出日期" })}
        </>
      )}
      {type === "CONSULTATION_ENDED" && (
        <>
          <Field id="ce-id" label="征求意见" required errors={errors.id}>
            {(p) => (
              <select {...p} name="id" defaultValue={v.id ?? openConsultations[0]?.id ?? ""}>
                {openConsultations.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {date("on", "结束日期", { fallback: today, hint: "收到意见之日，或对方期满未答复之日" })}
        </>
      )}
      {type === "EXTENDED" && (
        <>
          {text("days", "延长工作日数", { inputMode: "numeric", hint: "最长 20 个工作日，只能延长一次" })}
          {text("approver", "批准人", { hint: "同意延期的政府信息公开工作机构负责人姓名" })}
          {text("延期理由", "延期理由", { rows: 2, hint: "将写入延期答复告知书" })}
          {date("on", "决定并告知日期", { fallback: today, hint: "应在原答复期限届满前" })}
        </>
      )}
      {type === "CUSTOM_DEADLINE" && (
        <>
          {date("due", "确定的答复期限", { noMax: true, hint: "应晚于法定答复期限，且为工作日" })}
          {text("reason", "理由", { rows: 2, hint: "申请数量、频次明显超过合理范围的情况" })}
          {date("on", "告知申请人日期", { fallback: today })}
        </>
      )}
      <Button type="submit" disabled={pending || type === ""}>
        {pending ? "正在登记…" : "登记"}
      </Button>
    </form>
  );
}
