"use client";

import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { applicationSchema, DESCRIPTION_MAX, PURPOSE_MAX } from "@/lib/domain/requests/application-schema";
import { ID_COPY_ACCEPT, ID_COPY_DESCRIPTION, ID_COPY_MAX_MB, idCopyPrecheck } from "@/lib/domain/requests/id-copy";
import { initialApplyState, type ApplyState } from "@/lib/domain/requests/public-application";
import {
  APPLICANT_TYPE_LABELS,
  APPLICANT_TYPES,
  DELIVERY_FORM_LABELS,
  DELIVERY_FORMS,
  DELIVERY_METHOD_LABELS,
  ID_DOCUMENT_TYPE_LABELS,
  METHODS_FOR_FORM,
  type DeliveryForm,
} from "@/lib/domain/requests/vocabulary";
import { ApplicationReceiptView } from "./application-receipt";
import { ChallengeWidget } from "./challenge-widget";

type Action = (state: ApplyState, formData: FormData) => Promise<ApplyState>;
type Errors = Record<string, string[] | undefined>;

const ORGANISATION_TYPES = APPLICANT_TYPES.filter((t) => t !== "natural_person");
const FAILED = "提交没有成功：内容过大或网络中断。您填写的内容仍保留在表单中，请检查后重新提交。";

/** The form's own fields, as strings (the file and the challenge are not validated here). */
function valuesOf(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of new FormData(form).entries()) if (typeof v === "string" && k !== "altcha") values[k] = v;
  return values;
}

/**
 * 政府信息公开申请表 (条例 第二十九条). The same zod schema checks the fields here before sending
 * and again on the server; errors sit on their fields in Chinese and nothing typed is lost — the
 * inputs are never reset by a failed submit.
 */
export function ApplyForm({ action }: { action: Action }) {
  const [state, dispatch, pending] = useActionState<ApplyState, FormData>(async (previous, formData) => {
    try {
      return await action(previous, formData);
    } catch {
      // A body over the server action limit or a dropped connection: Next rejects the call.
      const values: Record<string, string> = {};
      for (const [k, v] of formData.entries()) if (typeof v === "string") values[k] = v;
      return { status: "editing", message: FAILED, values, challenge: previous.status === "editing" ? previous.challenge : false };
    }
  }, initialApplyState);
  const [clientErrors, setClientErrors] = useState<Errors | null>(null);
  // The receipt the visitor has put away to file another application.
  const [dismissed, setDismissed] = useState<ApplyState | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (state.status === "editing" && state.message) summaryRef.current?.focus();
  }, [state]);

  if (state.status === "received" && dismissed !== state) {
    return <ApplicationReceiptView receipt={state.receipt} onAnother={() => setDismissed(state)} />;
  }

  const editing = state.status === "editing" ? state : null;
  const errors: Errors = clientErrors ?? editing?.fieldErrors ?? {};
  const message = clientErrors ? "请检查标红的内容。" : editing?.message;
  const challenge = state.challenge === true;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const parsed = applicationSchema.safeParse(valuesOf(form));
    const found: Errors = parsed.success ? {} : { ...z.flattenError(parsed.error).fieldErrors };
    const file = (form.elements.namedItem("idCopy") as HTMLInputElement | null)?.files?.[0];
    const fileProblem = file ? idCopyPrecheck(file) : null;
    if (fileProblem) found.idCopy = [fileProblem];
    if (Object.keys(found).length > 0) {
      setClientErrors(found);
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setClientErrors(null);
    const formData = new FormData(form);
    startTransition(() => dispatch(formData));
  }

  return (
    <ApplicationFields
      values={editing?.values ?? {}}
      errors={errors}
      message={message}
      challenge={challenge}
      pending={pending}
      summaryRef={summaryRef}
      onSubmit={onSubmit}
    />
  );
}

function ApplicationFields({
  values,
  errors,
  message,
  challenge,
  pending,
  summaryRef,
  onSubmit,
}: {
  values: Record<string, string>;
  errors: Errors;
  message?: string;
  challenge: boolean;
  pending: boolean;
  summaryRef: React.RefObject<HTMLDivElement | null>;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
}) {
  const [organisation, setOrganisation] = useState((values.applicantType ?? "natural_person") !== "natural_person");
  const [deliveryForm, setDeliveryForm] = useState<DeliveryForm>((values.deliveryForm as DeliveryForm) || "electronic");
  const [descriptionLength, setDescriptionLength] = useState((values.description ?? "").length);
  const v = (name: string) => values[name] ?? "";
  const select = "block w-full rounded-md border border-gray-300 px-3 py-2 text-base shadow-sm focus:border-blue-700 focus:outline-none focus:ring-2 focus:ring-blue-700/30";
  const fieldset = "space-y-4 rounded-lg border border-gray-200 px-4 pb-5 pt-2 sm:px-6";
  const legend = "px-1 text-base font-semibold text-gray-900";

  return (
    // method/encType: a submit before the page has hydrated (or with scripts off) posts the body, never a URL with the applicant in it.
    <form onSubmit={onSubmit} method="post" encType="multipart/form-data" noValidate className="space-y-6" aria-label="政府信息公开申请表">
      <div ref={summaryRef} tabIndex={-1} className="focus:outline-none">
        {message && <Alert tone="error">{message}</Alert>}
      </div>

      <fieldset className={fieldset}>
        <legend className={legend}>申请人信息</legend>
        <fieldset>
          <legend className="mb-1 block text-sm font-medium text-gray-800">
            申请人类型<span className="ms-1 text-red-700" aria-hidden="true">*</span>
          </legend>
          <div className="flex flex-wrap gap-x-6 gap-y-2">
            <label className="inline-flex items-center gap-2">
              <input type="radio" name="applicantKind" value="person" checked={!organisation} onChange={() => setOrganisation(false)} />
              自然人
            </label>
            <label className="inline-flex items-center gap-2">
              <input type="radio" name="applicantKind" value="organisation" checked={organisation} onChange={() => setOrganisation(true)} />
              法人或其他组织
            </label>
          </div>
        </fieldset>
        {organisation ? (
          <Field id="applicantType" label="组织类型" required errors={errors.applicantType}>
            {(p) => (
              <select {...p} name="applicantType" defaultValue={v("applicantType") !== "natural_person" ? v("applicantType") || "commercial" : "commercial"} className={select}>
                {ORGANISATION_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {APPLICANT_TYPE_LABELS[t]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : (
          <input type="hidden" name="applicantType" value="natural_person" />
        )}
        <Field id="name" label={organisation ? "名称" : "姓名"} required errors={errors.name}>
          {(p) => <input {...p} name="name" defaultValue={v("name")} autoComplete={organisation ? "organization" : "name"} maxLength={100} />}
        </Field>
        {organisation && (
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="legalRepresentative" label="法定代表人或主要负责人" required errors={errors.legalRepresentative}>
              {(p) => <input {...p} name="legalRepresentative" defaultValue={v("legalRepresentative")} maxLength={50} />}
            </Field>
            <Field id="contactPerson" label="联系人" required errors={errors.contactPerson}>
              {(p) => <input {...p} name="contactPerson" defaultValue={v("contactPerson")} maxLength={50} />}
            </Field>
          </div>
        )}
        <div className="grid gap-4 sm:grid-cols-[12rem_1fr]">
          <Field id="idType" label="证件类型" required errors={errors.idType}>
            {(p) => (
              <select {...p} key={organisation ? "org" : "person"} name="idType" defaultValue={v("idType") || (organisation ? "credit_code" : "resident_id")} className={select}>
                {(organisation ? (["credit_code", "other"] as const) : (["resident_id", "other"] as const)).map((t) => (
                  <option key={t} value={t}>
                    {ID_DOCUMENT_TYPE_LABELS[t]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="idNumber" label="证件号码" required hint="居民身份证、统一社会信用代码均为18位，会核对校验位" errors={errors.idNumber}>
            {(p) => <input {...p} name="idNumber" defaultValue={v("idNumber")} autoComplete="off" maxLength={50} spellCheck={false} />}
          </Field>
        </div>
        <Field id="idCopy" label="身份证明复印件（可选）" hint={`${ID_COPY_DESCRIPTION}，不超过 ${ID_COPY_MAX_MB} MB；加密保存，仅承办人员可见`} errors={errors.idCopy}>
          {(p) => <input {...p} type="file" name="idCopy" accept={ID_COPY_ACCEPT} className="block w-full text-sm" />}
        </Field>
      </fieldset>

      <fieldset className={fieldset}>
        <legend className={legend}>联系方式</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="phone" label="联系电话" hint="手机或固定电话；联系电话与电子邮箱至少填写一项" errors={errors.phone}>
            {(p) => <input {...p} type="tel" name="phone" defaultValue={v("phone")} autoComplete="tel" maxLength={30} />}
          </Field>
          <Field id="email" label="电子邮箱" errors={errors.email}>
            {(p) => <input {...p} type="email" name="email" defaultValue={v("email")} autoComplete="email" maxLength={254} />}
          </Field>
        </div>
        <div className="grid gap-4 sm:grid-cols-[1fr_10rem]">
          <Field id="address" label="通信地址" hint="选择邮寄的必须填写" errors={errors.address}>
            {(p) => <input {...p} name="address" defaultValue={v("address")} autoComplete="street-address" maxLength={200} />}
          </Field>
          <Field id="postcode" label="邮政编码" errors={errors.postcode}>
            {(p) => <input {...p} name="postcode" defaultValue={v("postcode")} autoComplete="postal-code" inputMode="numeric" maxLength={6} />}
          </Field>
        </div>
      </fieldset>

      <fieldset className={fieldset}>
        <legend className={legend}>所需政府信息</legend>
        <Field
          id="description"
          label="所需信息的内容描述"
          required
          hint={`请写明信息的名称、文号或者便于查询的其他特征性描述（${descriptionLength} / ${DESCRIPTION_MAX} 字）`}
          errors={errors.description}
        >
          {(p) => <textarea {...p} name="description" defaultValue={v("description")} rows={6} onChange={(e) => setDescriptionLength(e.target.value.length)} />}
        </Field>
        <Field id="purpose" label="用途（选填）" hint={`不超过 ${PURPOSE_MAX} 字`} errors={errors.purpose}>
          {(p) => <textarea {...p} name="purpose" defaultValue={v("purpose")} rows={2} />}
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <fieldset aria-describedby="deliveryForm-error">
            <legend className="mb-1 block text-sm font-medium text-gray-800">
              获取信息的形式<span className="ms-1 text-red-700" aria-hidden="true">*</span>
            </legend>
            <div className="flex flex-wrap gap-x-6 gap-y-2">
              {DELIVERY_FORMS.map((f) => (
                <label key={f} className="inline-flex items-center gap-2">
                  <input type="radio" name="deliveryForm" value={f} checked={deliveryForm === f} onChange={() => setDeliveryForm(f)} />
                  {DELIVERY_FORM_LABELS[f]}
                </label>
              ))}
            </div>
            <p id="deliveryForm-error" aria-live="polite" className="text-sm text-red-700">
              {errors.deliveryForm?.join("；")}
            </p>
          </fieldset>
          <Field id="deliveryMethod" label="获取信息的方式" required errors={errors.deliveryMethod}>
            {(p) => (
              <select {...p} key={deliveryForm} name="deliveryMethod" defaultValue={METHODS_FOR_FORM[deliveryForm].includes(v("deliveryMethod") as never) ? v("deliveryMethod") : METHODS_FOR_FORM[deliveryForm][0]} className={select}>
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

      {challenge && <ChallengeWidget error={errors.altcha?.join("；")} />}

      <div className="flex flex-wrap items-center gap-4">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-gov-red px-6 py-2.5 text-base font-medium text-white hover:bg-gov-red-dark disabled:cursor-not-allowed disabled:opacity-60"
        >
          {pending ? "正在提交……" : "提交申请"}
        </button>
        <p className="text-sm text-gray-600">标 * 的为必填项。提交后请保存页面上显示的查询码。</p>
      </div>
    </form>
  );
}
