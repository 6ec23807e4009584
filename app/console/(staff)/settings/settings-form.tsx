"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { initialFormState, type FormState } from "@/lib/form-state";
import { REQUEST_DAY_ONE_LABELS, REQUEST_DAY_ONE_VALUES, SITE_SETTING_LABELS, type SiteSettingField, type SiteSettings } from "@/lib/domain/site-settings";

const TEXT_FIELDS: { name: SiteSettingField; required?: boolean; hint?: string; type?: string; autoComplete?: string }[] = [
  { name: "officeName", required: true, hint: "显示为“本机关名称 + 此名称”，如：政务公开工作领导小组办公室" },
  { name: "address", required: true, autoComplete: "street-address" },
  { name: "postalCode", hint: "6 位数字，可不填", autoComplete: "postal-code" },
  { name: "officeHours", required: true, hint: "如：工作日 上午 8:30—11:30，下午 13:30—17:00（法定节假日除外）" },
  { name: "phone", required: true, type: "tel" },
  { name: "fax", type: "tel", hint: "可不填" },
  { name: "email", type: "email", hint: "可不填" },
  { name: "website", type: "url", hint: "以 http:// 或 https:// 开头，可不填" },
  { name: "reviewAuthority", hint: "印在答复书的救济途径中，如：吉林市人民政府；不填则无法生成答复书" },
  { name: "feePaymentMethod", hint: "印在收费通知书中，如：银行转账至……（户名、账号）" },
  { name: "trackUrl", type: "url", hint: "印在受理回执中，申请人凭查询码查询进度的网址，如 https://example.gov.cn/track" },
  { name: "reportDeadline", hint: "上一年度报告须在本年此日前公布（条例第四十九条：1 月 31 日前）；按“月-日”填写，如 01-15，不填即 01-31" },
];

export function SettingsForm({
  action,
  settings,
  version,
  columns,
}: {
  action: (s: FormState, f: FormData) => Promise<FormState>;
  settings: SiteSettings;
  version: string;
  columns: { code: string; name: string }[];
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const value = (name: SiteSettingField) => state.values?.[name] ?? settings[name] ?? "";
  const errors = (name: string) => state.fieldErrors?.[name];
  return (
    <form action={formAction} className="max-w-2xl space-y-4" noValidate>
      <input type="hidden" name="version" value={version} />
      {state.message && <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>}
      {TEXT_FIELDS.map((f) => (
        <Field key={f.name} id={f.name} label={SITE_SETTING_LABELS[f.name]} required={f.required} hint={f.hint} errors={errors(f.name)}>
          {(props) => <input {...props} name={f.name} type={f.type ?? "text"} autoComplete={f.autoComplete ?? "off"} defaultValue={value(f.name)} key={`${f.name}-${state.message ?? ""}`} />}
        </Field>
      ))}
      <Field id="note" label={SITE_SETTING_LABELS.note} hint="显示在指南末尾“其他说明”，可不填，最多 2000 字" errors={errors("note")}>
        {(props) => <textarea {...props} name="note" rows={4} defaultValue={value("note")} key={`note-${state.message ?? ""}`} />}
      </Field>
      {(["systemColumn", "annualReportColumn"] as const).map((name) => (
        <Field key={name} id={name} label={SITE_SETTING_LABELS[name]} required errors={errors(name)}>
          {(props) => (
            <select {...props} name={name} defaultValue={value(name)} key={`${name}-${state.message ?? ""}`}>
              {columns.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ))}
      <Field id="requestDayOne" label={SITE_SETTING_LABELS.requestDayOne} required hint="依申请公开的 20 个工作日从哪一天数起；改动后所有未办结申请的答复期限随之重算" errors={errors("requestDayOne")}>
        {(props) => (
          <select {...props} name="requestDayOne" defaultValue={value("requestDayOne")} key={`requestDayOne-${state.message ?? ""}`}>
            {REQUEST_DAY_ONE_VALUES.map((v) => (
              <option key={v} value={v}>
                {REQUEST_DAY_ONE_LABELS[v]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "正在保存…" : "保存设置"}
      </Button>
    </form>
  );
}
