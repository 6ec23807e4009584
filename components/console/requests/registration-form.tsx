"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { formatChineseDate } from "@/lib/domain/dates";
import { receiptDate, RECEIPT_RULES } from "@/lib/domain/requests/receipt";
import {
  APPLICANT_TYPE_LABELS,
  APPLICANT_TYPES,
  CHANNEL_LABELS,
  DELIVERY_FORM_LABELS,
  DELIVERY_FORMS,
  DELIVERY_METHOD_LABELS,
  ID_DOCUMENT_TYPE_LABELS,
  ID_DOCUMENT_TYPES,
  isOrganisation,
  METHODS_FOR_FORM,
  type ApplicantType,
  type Channel,
  type DeliveryForm,
} from "@/lib/domain/requests/vocabulary";
import type { RegistrationState } from "@/app/console/(staff)/requests/actions";

type Action = (state: RegistrationState, formData: FormData) => Promise<RegistrationState>;

/** Channels staff register; 在线申请 comes in through /apply and is confirmed from the queue. */
const STAFF_CHANNELS: Channel[] = ["registered_mail", "ordinary_mail", "in_person", "fax", "email", "other"];

/** The date 第三十一条 takes the 收到日 from, as the clerk is asked for it. */
const DATE_FIELD: Record<Channel, { name: "submittedOn" | "signedForOn" | "confirmedOn"; label: string; hint: string }> = {
  registered_mail: { name: "signedForOn", label: "签收日期", hint: "挂号信、EMS 等需签收的邮件：本机关签收之日" },
  ordinary_mail: { name: "confirmedOn", label: "确认日期", hint: "平信：收到当日与申请人电话确认，确认之日为收到日（通常为今天）" },
  in_person: { name: "submittedOn", label: "提交日期", hint: "当面提交（含工作人员代为填写的口头申请）：提交之日" },
  fax: { name: "confirmedOn", label: "确认日期", hint: "传真：双方确认之日" },
  email: { name: "confirmedOn", label: "确认日期", hint: "电子邮件：双方确认之日" },
  online: { name: "confirmedOn", label: "确认日期", hint: "在线申请：双方确认之日" },
  other: { name: "confirmedOn", label: "确认日期", hint: "其他渠道转来的申请：与申请人确认之日" },
};

type Props = { action: Action; today: string; departments: { id: string; name: string }[] };

/** 继续登记 starts a fresh form: a new key gives a new action state. */
export function RegistrationForm(props: Props) {
  const [round, setRound] = useState(0);
  return <RegistrationRound key={round} {...props} next={() => setRound((n) => n + 1)} />;
}

function RegistrationRound({ action, today, departments, next }: Props & { next: () => void }) {
  const [state, formAction, pending] = useActionState(action, {} as RegistrationState);
  const v = state.values ?? {};
  const errors = state.fieldErrors ?? {};
  const [channel, setChannel] = useState<Channel>((v.channel as Channel) || "registered_mail");
  const [applicantType, setApplicantType] = useState<ApplicantType>((v.applicantType as ApplicantType) || "natural_person");
  const [deliveryForm, setDeliveryForm] = useState<DeliveryForm>((v.deliveryForm as DeliveryForm) || "electronic");
  const dateField = DATE_FIELD[channel];
  const [dates, setDates] = useState<Record<string, string>>({
    submittedOn: v.submittedOn ?? today,
    signedForOn: v.signedForOn ?? "",
    confirmedOn: v.confirmedOn ?? today,
  });
  const receipt = receiptDate(channel, { [dateField.name]: dates[dateField.name] }, today);

  if (state.ok && state.registered) {
    const r = state.registered;
    return (
      <div className="space-y-4" data-testid="registered">
        <Alert tone="success">
          已登记，编号 <strong>{r.number}</strong>，收到日 {formatChineseDate(r.receivedOn)}。
        </Alert>
        <div className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm">
          <p>
            申请人查询码：<strong className="font-mono text-base" data-testid="tracking-code">{r.trackingCode}</strong>
          </p>
          <p className="mt-1 text-amber-900">查询码只显示这一次，请告知申请人或写入受理回执。系统只保存其摘要，无法再次查看。</p>
        </div>
        <div className="flex flex-wrap gap-3">
          <Link href={`/console/requests/${r.id}`} className={buttonClass()}>
            查看该申请
          </Link>
          <button type="button" onClick={next} className={buttonClass("secondary")}>
            继续登记
          </button>
        </div>
      </div>
    );
  }

  const text = (name: string, label: string, opts: { required?: boolean; hint?: string; type?: string; rows?: number; autoComplete?: string } = {}) => (
    <Field id={name} label={label} required={opts.required} hint={opts.hint} errors={errors[name]}>
      {(p) =>
        opts.rows ? (
          <textarea {...p} name={name} rows={opts.rows} defaultValue={v[name] ?? ""} />
        ) : (
          <input {...p} name={name} type={opts.type ?? "text"} defaultValue={v[name] ?? ""} autoComplete={opts.autoComplete ?? "off"} />
        )
      }
    </Field>
  );

  return (
    <form action={formAction} className="space-y-6" noValidate key={JSON.stringify(v)}>
      {state.message && !state.ok && <Alert>{state.message}</Alert>}
      <fieldset className="space-y-4 rounded-md border border-gray-200 p-4">
        <legend className="px-1 font-medium">收到方式与收到日（条例第三十一条）</legend>
        <Field id="channel" label="申请渠道" required errors={errors.channel}>
          {(p) => (
            <select {...p} name="channel" value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
              {STAFF_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {CHANNEL_LABELS[c]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <p className="rounded-md bg-gray-50 p-3 text-sm text-gray-800" data-testid="receipt-rule">
          {RECEIPT_RULES[channel].text}
        </p>
        <Field id={dateField.name} label={dateField.label} required hint={dateField.hint} errors={errors[dateField.name]}>
          {(p) => (
            <input
              {...p}
              type="date"
              name={dateField.name}
              max={today}
              value={dates[dateField.name]}
              onChange={(e) => setDates((d) => ({ ...d, [dateField.name]: e.target.value }))}
            />
          )}
        </Field>
        <p className="text-sm" aria-live="polite" data-testid="receipt-preview">
          {receipt.ok ? (
            <>
              收到日：<strong>{formatChineseDate(receipt.receivedOn)}</strong>
            </>
          ) : (
            <span className="text-red-700">{receipt.problem === "awaiting_confirmation" ? "请填写与申请人确认的日期。" : receipt.message}</span>
          )}
        </p>
      </fieldset>

      <fieldset className="space-y-4 rounded-md border border-gray-200 p-4">
        <legend className="px-1 font-medium">申请人（条例第二十九条）</legend>
        <Field id="applicantType" label="申请人类型" required errors={errors.applicantType}>
          {(p) => (
            <select {...p} name="applicantType" value={applicantType} onChange={(e) => setApplicantType(e.target.value as ApplicantType)}>
              {APPLICANT_TYPES.map((t) => (
                <option key={t} value={t}>
                  {APPLICANT_TYPE_LABELS[t]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {text("name", isOrganisation(applicantType) ? "名称" : "姓名", { required: true })}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="idType" label="证件类型" required errors={errors.idType}>
            {(p) => (
              <select {...p} name="idType" defaultValue={v.idType ?? (isOrganisation(applicantType) ? "credit_code" : "resident_id")} key={applicantType}>
                {ID_DOCUMENT_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {ID_DOCUMENT_TYPE_LABELS[t]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {text("idNumber", "证件号码", { required: true })}
        </div>
        {isOrganisation(applicantType) && (
          <div className="grid gap-4 sm:grid-cols-2">
            {text("legalRepresentative", "法定代表人或主要负责人", { required: true })}
            {text("contactPerson", "联系人", { required: true })}
          </div>
        )}
        <div className="grid gap-4 sm:grid-cols-2">
          {text("phone", "联系电话", { hint: "联系电话与电子邮箱至少填写一项", type: "tel" })}
          {text("email", "电子邮箱", { type: "email" })}
        </div>
        <div className="grid gap-4 sm:grid-cols-[1fr_10rem]">
          {text("address", "通信地址")}
          {text("postcode", "邮政编码")}
        </div>
      </fieldset>

      <fieldset className="space-y-4 rounded-md border border-gray-200 p-4">
        <legend className="px-1 font-medium">所需信息</legend>
        {text("description", "所需信息的内容描述", { required: true, rows: 4, hint: "政府信息的名称、文号或者便于查询的其他特征性描述；口头申请由工作人员代为填写" })}
        {text("purpose", "用途", { rows: 2 })}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="deliveryForm" label="获取信息的形式" required errors={errors.deliveryForm}>
            {(p) => (
              <select {...p} name="deliveryForm" value={deliveryForm} onChange={(e) => setDeliveryForm(e.target.value as DeliveryForm)}>
                {DELIVERY_FORMS.map((f) => (
                  <option key={f} value={f}>
                    {DELIVERY_FORM_LABELS[f]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="deliveryMethod" label="获取信息的方式" required errors={errors.deliveryMethod}>
            {(p) => (
              <select {...p} name="deliveryMethod" defaultValue={v.deliveryMethod ?? METHODS_FOR_FORM[deliveryForm][0]} key={deliveryForm}>
                {METHODS_FOR_FORM[deliveryForm].map((m) => (
                  <option key={m} value={m}>
                    {DELIVERY_METHOD_LABELS[m]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </fieldset>

      <fieldset className="space-y-4 rounded-md border border-gray-200 p-4">
        <legend className="px-1 font-medium">分办（可稍后在待分办中完成）</legend>
        <Field id="departmentId" label="承办处室" errors={errors.departmentId}>
          {(p) => (
            <select {...p} name="departmentId" defaultValue={v.departmentId ?? ""}>
              <option value="">暂不分办</option>
              {departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </fieldset>

      <Button type="submit" disabled={pending}>
        {pending ? "正在登记…" : "登记申请"}
      </Button>
    </form>
  );
}
