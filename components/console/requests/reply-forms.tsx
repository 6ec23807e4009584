"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { LetterTemplate } from "@/lib/domain/requests/letters";
import { replyTemplatesFor, type ReplyTemplateKey } from "@/lib/domain/requests/letters-replies";
import { OUTCOME_GROUP_LABELS, OUTCOME_GROUPS, OUTCOME_KEYS, OUTCOMES, type Outcome } from "@/lib/domain/requests/outcomes";
import { initialFormState, type FormState } from "@/lib/form-state";
import { DELIVERY_WAY_LABELS } from "./labels";
import { needsBasis, replyFormFields } from "@/lib/domain/requests/reply-fields";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

function Outcome({ state }: { state: FormState }) {
  if (!state.message) return null;
  return <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>;
}

/** Where an outcome has two letters, the clerk picks which (第三十六条 第一项/第二项, 第四项/第五项). */
const TEMPLATE_LABELS: Partial<Record<ReplyTemplateKey, string>> = {
  granted: "提供该信息（条例第三十六条第二项）",
  granted_published: "该信息已主动公开，告知获取途径（条例第三十六条第一项）",
  unable_1_not_held: "经检索信息不存在（条例第三十六条第四项）",
  unable_1_not_ours: "不属于本机关负责公开（条例第三十六条第五项）",
};

export interface PublishedChoice {
  id: string;
  title: string;
  indexNumber: string | null;
}

/**
 * 起草答复: one of the 21 outcomes of table 三 (grouped as the table groups them), the letter for
 * it, its legal basis, and the {占位符} that letter needs from the clerk. Outcomes that rest on a
 * lapsed deadline are offered only once it has lapsed; the server refuses them otherwise.
 */
export function DraftReplyForm({
  action,
  templates,
  available,
  defaults,
  published,
}: {
  action: Action;
  templates: Record<ReplyTemplateKey, LetterTemplate>;
  available: Outcome[];
  defaults: Record<string, string>;
  published: PublishedChoice[];
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const errors = state.fieldErrors ?? {};
  const [outcome, setOutcome] = useState<Outcome | "">(available.length === 1 ? available[0] : "");
  const [templateKey, setTemplateKey] = useState<ReplyTemplateKey | "">(available.length === 1 ? replyTemplatesFor(available[0])[0] : "");
  const [values, setValues] = useState<Record<string, string>>(defaults);
  const [itemId, setItemId] = useState("");
  const [basis, setBasis] = useState("");
  const template = templateKey ? templates[templateKey] : null;
  const fields = template ? replyFormFields(template) : [];
  const set = (name: string, value: string) => setValues((v) => ({ ...v, [name]: value }));

  const chooseOutcome = (o: Outcome | "") => {
    setOutcome(o);
    setTemplateKey(o ? replyTemplatesFor(o)[0] : "");
  };
  const chooseItem = (id: string) => {
    setItemId(id);
    const item = published.find((p) => p.id === id);
    if (item) setValues((v) => ({ ...v, 信息名称: item.title, 索引号: item.indexNumber ?? "", 公开网址: `${window.location.origin}/items/${item.id}` }));
  };

  return (
    <form action={formAction} className="space-y-4" noValidate>
      <Outcome state={state} />
      <Field id="outcome" label="办理结果" required errors={errors.outcome}>
        {(p) => (
          <select {...p} name="outcome" value={outcome} onChange={(e) => chooseOutcome(e.target.value as Outcome | "")}>
            <option value="">请选择（按年报表三）</option>
            {OUTCOME_GROUPS.map((g) => {
              const keys = OUTCOME_KEYS.filter((k) => OUTCOMES[k].group === g && available.includes(k));
              if (keys.length === 0) return null;
              return (
                <optgroup key={g} label={OUTCOME_GROUP_LABELS[g]}>
                  {keys.map((k) => (
                    <option key={k} value={k}>
                      {OUTCOMES[k].group === "granted" || OUTCOMES[k].group === "partial" ? OUTCOME_GROUP_LABELS[g].replace(/（区分处理.*）$/, "") : `${OUTCOME_GROUP_LABELS[g]} ${OUTCOMES[k].label}`}
                    </option>
                  ))}
                </optgroup>
              );
            })}
          </select>
        )}
      </Field>
      {outcome && replyTemplatesFor(outcome).length > 1 && (
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium text-gray-800">答复书样式</legend>
          {replyTemplatesFor(outcome).map((k) => (
            <label key={k} className="flex items-center gap-2 text-sm">
              <input type="radio" name="template" value={k} checked={templateKey === k} onChange={() => setTemplateKey(k)} />
              {TEMPLATE_LABELS[k] ?? k}
            </label>
          ))}
          <p className="text-sm text-red-700" aria-live="polite">
            {errors.template?.join("；")}
          </p>
        </fieldset>
      )}
      {outcome && replyTemplatesFor(outcome).length === 1 && <input type="hidden" name="template" value={templateKey} />}
      {template && (
        <>
          {needsBasis(template) ? (
            <Field id="basis" label="法律依据" required hint="本结果没有固定条款，请写明答复所依据的条款" errors={errors.basis}>
              {(p) => <textarea {...p} name="basis" rows={2} value={basis} onChange={(e) => setBasis(e.target.value)} />}
            </Field>
          ) : (
            <div className="text-sm">
              <input type="hidden" name="basis" value={template.basis} />
              <p className="font-medium text-gray-800">法律依据</p>
              <p className="text-gray-700" data-testid="reply-basis">
                {template.basis}
              </p>
            </div>
          )}
          {templateKey === "granted_published" && (
            <Field id="providedItemId" label="已主动公开的信息" required hint="选择后自动填写信息名称、索引号和网址" errors={errors.providedItemId}>
              {(p) => (
                <select {...p} name="providedItemId" value={itemId} onChange={(e) => chooseItem(e.target.value)}>
                  <option value="">请选择</option>
                  {published.map((i) => (
                    <option key={i.id} value={i.id}>
                      {i.title}
                      {i.indexNumber ? `（${i.indexNumber}）` : ""}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          {fields.length > 0 && <p className="text-sm text-gray-600">答复书需要填写以下内容（申请人、收到日期、申请内容、文号、答复日期等由系统填入）：</p>}
          {fields.map((f) => (
            <Field
              key={f.name}
              id={`field-${f.name}`}
              label={f.name}
              required={f.required}
              hint={f.required ? f.hint : `${f.hint}（可选，填写后才印出该段）`}
              errors={errors[`field:${f.name}`]}
            >
              {(p) =>
                f.kind === "lines" ? (
                  <textarea {...p} name={`field:${f.name}`} rows={3} value={values[f.name] ?? ""} onChange={(e) => set(f.name, e.target.value)} />
                ) : (
                  <input {...p} type={f.kind === "date" ? "date" : "text"} name={`field:${f.name}`} value={values[f.name] ?? ""} onChange={(e) => set(f.name, e.target.value)} autoComplete="off" />
                )
              }
            </Field>
          ))}
        </>
      )}
      <Button type="submit" disabled={pending || !template}>
        {pending ? "正在提交…" : "提交审核"}
      </Button>
    </form>
  );
}

/** 审核答复: approve (assigns the 文号) or return with a required comment. Not the drafter's. */
export function ReviewReplyForms({ approve, reject }: { approve: Action; reject: Action }) {
  const [approved, approveAction, approving] = useActionState(approve, initialFormState);
  const [returned, returnAction, returning] = useActionState(reject, initialFormState);
  return (
    <div className="space-y-4">
      <form action={approveAction} className="space-y-2">
        <Outcome state={approved} />
        <Button type="submit" disabled={approving || returning}>
          {approving ? "正在提交…" : "审核同意"}
        </Button>
        <p className="text-xs text-gray-600">同意后生成答复书文号，答复书定稿。</p>
      </form>
      <form action={returnAction} className="space-y-2 border-t border-gray-100 pt-3" noValidate>
        <Outcome state={returned} />
        <Field id="return-comment" label="退回意见" required errors={returned.fieldErrors?.comment}>
          {(p) => <textarea {...p} name="comment" rows={2} defaultValue={returned.values?.comment ?? ""} key={JSON.stringify(returned.values ?? {})} />}
        </Field>
        <Button type="submit" variant="secondary" disabled={approving || returning}>
          {returning ? "正在退回…" : "退回修改"}
        </Button>
      </form>
    </div>
  );
}

/** 送达: the day handed over or posted (国办公开办函〔2016〕235号), and how. Closes the request. */
export function DeliverForm({ action, today, approvedOn, suggested }: { action: Action; today: string; approvedOn: string | null; suggested: string }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const v = state.values ?? {};
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-3" noValidate key={JSON.stringify(v)}>
      <Outcome state={state} />
      <Field id="deliveredOn" label="送达日期" required hint="当面送达为签收之日，邮寄为交邮之日" errors={errors.deliveredOn}>
        {(p) => <input {...p} type="date" name="deliveredOn" min={approvedOn ?? undefined} max={today} defaultValue={v.deliveredOn ?? today} />}
      </Field>
      <Field id="method" label="送达方式" required errors={errors.method}>
        {(p) => (
          <select {...p} name="method" defaultValue={v.method ?? suggested}>
            {Object.entries(DELIVERY_WAY_LABELS).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "正在登记…" : "登记送达并办结"}
      </Button>
    </form>
  );
}
