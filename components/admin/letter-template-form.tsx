"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { LetterTemplate, TemplateParagraph } from "@/lib/domain/requests/letters";
import { initialFormState } from "@/lib/form-state";
import { FormNotice, type FormAction } from "./form-bits";

type Row = TemplateParagraph & { id: number };

/**
 * A template's editable parts: title, 称谓, paragraphs (text, 可选, 首行缩进, 置于救济途径之后)
 * and 附注. The inputs are controlled, so a refused save keeps everything typed; 预览 posts the
 * unsaved form to the preview route in a new tab.
 */
export function LetterTemplateForm({ action, templateKey, version, template }: { action: FormAction; templateKey: string; version: string; template: LetterTemplate }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const [title, setTitle] = useState(template.title);
  const [salutation, setSalutation] = useState(template.salutation);
  const [attribute, setAttribute] = useState(template.attribute ?? "");
  const [rows, setRows] = useState<Row[]>(() => template.paragraphs.map((p, id) => ({ ...p, id })));
  const [nextId, setNextId] = useState(template.paragraphs.length);
  const e = state.fieldErrors ?? {};
  const update = (id: number, patch: Partial<TemplateParagraph>) => setRows((rs) => rs.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  const move = (i: number, by: number) =>
    setRows((rs) => {
      const next = [...rs];
      [next[i], next[i + by]] = [next[i + by], next[i]];
      return next;
    });
  const add = () => {
    setRows((rs) => [...rs, { id: nextId, text: "" }]);
    setNextId((n) => n + 1);
  };
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="key" value={templateKey} />
      <input type="hidden" name="version" value={version} />
      <FormNotice state={state} />
      <Field id="tpl-title" label="标题" required errors={e.title}>
        {(props) => <input {...props} name="title" value={title} onChange={(ev) => setTitle(ev.target.value)} maxLength={100} />}
      </Field>
      <Field id="tpl-salutation" label="称谓" hint="如 {申请人}：" errors={e.salutation}>
        {(props) => <input {...props} name="salutation" value={salutation} onChange={(ev) => setSalutation(ev.target.value)} maxLength={100} />}
      </Field>
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-gray-800">正文</legend>
        {e.paragraphs && <p className="text-sm text-red-700" aria-live="polite">{e.paragraphs.join("；")}</p>}
        {rows.map((r, i) => (
          <div key={r.id} className="rounded-md border border-gray-200 p-3" data-paragraph={i + 1}>
            <Field id={`tpl-p-${r.id}`} label={`第${i + 1}段`} errors={e[`paragraphs.${i}`]}>
              {(props) => <textarea {...props} name={`paragraphs.${i}.text`} rows={3} value={r.text} onChange={(ev) => update(r.id, { text: ev.target.value })} />}
            </Field>
            <div className="mt-2 flex flex-wrap items-center gap-4 text-sm">
              <label className="flex items-center gap-1">
                <input type="checkbox" name={`paragraphs.${i}.optional`} checked={!!r.optional} onChange={(ev) => update(r.id, { optional: ev.target.checked })} />
                可选（占位符都有内容时才打印）
              </label>
              <label className="flex items-center gap-1">
                <input type="checkbox" name={`paragraphs.${i}.indent`} checked={r.indent !== false} onChange={(ev) => update(r.id, { indent: ev.target.checked })} />
                首行缩进
              </label>
              <label className="flex items-center gap-1">
                <input type="checkbox" name={`paragraphs.${i}.afterRemedy`} checked={!!r.afterRemedy} onChange={(ev) => update(r.id, { afterRemedy: ev.target.checked })} />
                置于救济途径之后
              </label>
              <span className="ms-auto flex gap-2">
                <Button type="button" variant="ghost" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`第${i + 1}段上移`}>
                  上移
                </Button>
                <Button type="button" variant="ghost" disabled={i === rows.length - 1} onClick={() => move(i, 1)} aria-label={`第${i + 1}段下移`}>
                  下移
                </Button>
                <Button type="button" variant="ghost" onClick={() => setRows((rs) => rs.filter((x) => x.id !== r.id))} aria-label={`删除第${i + 1}段`}>
                  删除
                </Button>
              </span>
            </div>
          </div>
        ))}
        <Button type="button" variant="secondary" onClick={add}>
          添加段落
        </Button>
      </fieldset>
      <Field id="tpl-attribute" label="附注" hint="落款之后的一行，如（此件依申请公开）；可不填" errors={e.attribute}>
        {(props) => <input {...props} name="attribute" value={attribute} onChange={(ev) => setAttribute(ev.target.value)} maxLength={100} />}
      </Field>
      {e.template && <p className="text-sm text-red-700" aria-live="polite">{e.template.join("；")}</p>}
      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "正在保存…" : "保存模板"}
        </Button>
        <Button type="submit" variant="secondary" formAction={`/console/admin/letters/${templateKey}/preview`} formMethod="post" formTarget="_blank" formNoValidate>
          预览 PDF
        </Button>
      </div>
    </form>
  );
}

export function LetterTemplateReset({ action, templateKey, version }: { action: FormAction; templateKey: string; version: string }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="space-y-2" onSubmit={(ev) => { if (!window.confirm("恢复默认后，本机关对此模板的修改将被删除。确定吗？")) ev.preventDefault(); }}>
      <input type="hidden" name="key" value={templateKey} />
      <input type="hidden" name="version" value={version} />
      <FormNotice state={state} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "正在恢复…" : "恢复默认"}
      </Button>
    </form>
  );
}
