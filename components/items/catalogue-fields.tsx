"use client";

import { Field } from "@/components/ui/field";
import { ARTICLE_20_ITEMS } from "@/lib/domain/article20";
import { attributeNeedsReason, ATTRIBUTE_LABELS, DISCLOSURE_ATTRIBUTES, DOCUMENT_TYPE_LABELS, DOCUMENT_TYPES, VALIDITIES, VALIDITY_LABELS, WITHHOLDING_REASONS, type DisclosureAttribute } from "@/lib/domain/attributes";
import type { ItemFormValues } from "@/lib/domain/item-form";
import { TOPICS } from "@/lib/domain/topics";

/** The catalogue part of the item form (政府信息公开目录, 条例第十二条), in the order a clerk fills it. */

type TextField = Exclude<keyof ItemFormValues, "channels" | "attachments">;
export interface FieldProps {
  values: ItemFormValues;
  set: (field: TextField, value: string) => void;
  errors: Record<string, string[] | undefined>;
}

const fieldsetClass = "space-y-5 rounded-lg border border-gray-200 p-4";
const legendClass = "px-1 text-sm font-semibold text-gray-900";

export function BasicFields({ values: v, set, errors: e, columns, today }: FieldProps & { columns: { id: string; label: string }[]; today: string }) {
  return (
    <fieldset className={fieldsetClass}>
      <legend className={legendClass}>基本信息</legend>
      <Field id="title" label="标题" required errors={e.title} hint="不超过 200 个字">
        {(p) => <input {...p} name="title" value={v.title} onChange={(x) => set("title", x.target.value)} maxLength={400} />}
      </Field>
      <div className="grid gap-5 sm:grid-cols-2">
        <Field id="documentNumber" label="文号" errors={e.documentNumber} hint="如：吉市科发〔2026〕18号；没有可不填">
          {(p) => <input {...p} name="documentNumber" value={v.documentNumber} onChange={(x) => set("documentNumber", x.target.value)} />}
        </Field>
        <Field id="publisher" label="发布机构" errors={e.publisher} hint="默认为本处室名称">
          {(p) => <input {...p} name="publisher" value={v.publisher} onChange={(x) => set("publisher", x.target.value)} />}
        </Field>
        <Field id="columnId" label="栏目" required errors={e.columnId}>
          {(p) => (
            <select {...p} name="columnId" value={v.columnId} onChange={(x) => set("columnId", x.target.value)}>
              <option value="">请选择栏目</option>
              {columns.map((c) => (
                <option key={c.id} value={c.id}>{c.label}</option>
              ))}
            </select>
          )}
        </Field>
        <Field id="formedOn" label="信息形成日期" required errors={e.formedOn} hint="自形成之日起 20 个工作日内公开（条例第二十六条）">
          {(p) => <input {...p} name="formedOn" type="date" max={today} value={v.formedOn} onChange={(x) => set("formedOn", x.target.value)} />}
        </Field>
        <Field id="topic" label="主题分类" errors={e.topic}>
          {(p) => (
            <select {...p} name="topic" value={v.topic} onChange={(x) => set("topic", x.target.value)}>
              <option value="">未选择</option>
              {TOPICS.map((t) => (
                <option key={t} value={t}>{t}</option>
              ))}
            </select>
          )}
        </Field>
        <Field id="keywords" label="关键词" errors={e.keywords} hint="用逗号或顿号分隔，最多 10 个">
          {(p) => <input {...p} name="keywords" value={v.keywords} onChange={(x) => set("keywords", x.target.value)} />}
        </Field>
      </div>
      <Field id="summary" label="内容概述" errors={e.summary} hint="供公开目录使用，不超过 1500 个字">
        {(p) => <textarea {...p} name="summary" rows={3} value={v.summary} onChange={(x) => set("summary", x.target.value)} />}
      </Field>
    </fieldset>
  );
}

export function DisclosureFields({ values: v, set, errors: e, channels, toggleChannel }: FieldProps & { channels: { code: string; name: string }[]; toggleChannel: (code: string, on: boolean) => void }) {
  const needsReason = attributeNeedsReason(v.attribute as DisclosureAttribute);
  return (
    <fieldset className={fieldsetClass}>
      <legend className={legendClass}>公开方式</legend>
      <div className="grid gap-5 sm:grid-cols-2">
        <Field id="attribute" label="公开属性" required errors={e.attribute} hint="以公开为常态、不公开为例外（条例第五条）">
          {(p) => (
            <select {...p} name="attribute" value={v.attribute} onChange={(x) => set("attribute", x.target.value)}>
              {DISCLOSURE_ATTRIBUTES.map((a) => (
                <option key={a} value={a}>{ATTRIBUTE_LABELS[a]}</option>
              ))}
            </select>
          )}
        </Field>
        {needsReason && (
          <Field id="attributeReason" label="不予主动公开的理由" required errors={e.attributeReason} hint="条例第十四条至第十六条">
            {(p) => (
              <select {...p} name="attributeReason" value={v.attributeReason} onChange={(x) => set("attributeReason", x.target.value)}>
                <option value="">请选择法定理由</option>
                {WITHHOLDING_REASONS.map((r) => (
                  <option key={r.code} value={r.code}>{`${r.article} ${r.label}`}</option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field id="article20Item" label="第二十条所列信息" errors={e.article20Item} hint="属于条例第二十条哪一项应主动公开的信息">
          {(p) => (
            <select {...p} name="article20Item" value={v.article20Item} onChange={(x) => set("article20Item", x.target.value)}>
              <option value="">不属于第二十条所列</option>
              {ARTICLE_20_ITEMS.map((a) => (
                <option key={a.item} value={String(a.item)}>{`${a.label}${a.text}`}</option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <fieldset aria-describedby="channels-error">
        <legend className="text-sm font-medium text-gray-800">
          发布渠道<span className="ms-1 text-red-700" aria-hidden="true">*</span>
        </legend>
        <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
          {channels.map((c) => (
            <label key={c.code} className="inline-flex items-center gap-2 text-sm">
              <input type="checkbox" name="channels" value={c.code} checked={v.channels.includes(c.code)} onChange={(x) => toggleChannel(c.code, x.target.checked)} className="size-4" />
              {c.name}
            </label>
          ))}
          {channels.length === 0 && <span className="text-sm text-red-700">尚未配置发布渠道，请联系公开办。</span>}
        </div>
        <p id="channels-error" aria-live="polite" className="text-sm text-red-700">{e.channels?.join("；")}</p>
      </fieldset>
    </fieldset>
  );
}

export function DocumentFields({ values: v, set, errors: e, today }: FieldProps & { today: string }) {
  const formal = v.documentType !== "OTHER";
  return (
    <fieldset className={fieldsetClass}>
      <legend className={legendClass}>文件效力</legend>
      <div className="grid gap-5 sm:grid-cols-3">
        <Field id="documentType" label="文件类型" errors={e.documentType}>
          {(p) => (
            <select {...p} name="documentType" value={v.documentType} onChange={(x) => set("documentType", x.target.value)}>
              {DOCUMENT_TYPES.map((t) => (
                <option key={t} value={t}>{DOCUMENT_TYPE_LABELS[t]}</option>
              ))}
            </select>
          )}
        </Field>
        <Field id="validity" label="有效性" required={formal} errors={e.validity}>
          {(p) => (
            <select {...p} name="validity" value={v.validity} onChange={(x) => set("validity", x.target.value)}>
              <option value="">未填写</option>
              {VALIDITIES.map((t) => (
                <option key={t} value={t}>{VALIDITY_LABELS[t]}</option>
              ))}
            </select>
          )}
        </Field>
        <Field id="signedOn" label="成文日期" required={formal} errors={e.signedOn}>
          {(p) => <input {...p} name="signedOn" type="date" max={today} value={v.signedOn} onChange={(x) => set("signedOn", x.target.value)} />}
        </Field>
        <Field id="effectiveOn" label="生效日期" errors={e.effectiveOn}>
          {(p) => <input {...p} name="effectiveOn" type="date" value={v.effectiveOn} onChange={(x) => set("effectiveOn", x.target.value)} />}
        </Field>
        <Field id="repealedOn" label="废止日期" errors={e.repealedOn}>
          {(p) => <input {...p} name="repealedOn" type="date" value={v.repealedOn} onChange={(x) => set("repealedOn", x.target.value)} />}
        </Field>
      </div>
    </fieldset>
  );
}
