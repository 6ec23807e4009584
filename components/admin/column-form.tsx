"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { initialFormState } from "@/lib/form-state";
import { FormNotice, valueOf, type FormAction } from "./form-bits";

export interface ColumnFormValues {
  id?: string;
  /** The version of the column the form shows (edit only). */
  version?: string;
  code: string;
  name: string;
  parentId: string;
  description: string;
  requiresDeptHead: boolean;
  requiresLeader: boolean;
}

/**
 * A column (栏目): code, name, place in the tree, description and its review stages. 保密审查 is
 * shown ticked and cannot be unticked (条例第十七条: 先审查、后公开).
 */
export function ColumnForm({ action, initial, parents, codeLocked, hasChildren, inReview, submitLabel }: {
  action: FormAction;
  initial: ColumnFormValues;
  parents: { id: string; name: string }[];
  /** The column holds items: public URLs use its code. */
  codeLocked: number;
  hasChildren: boolean;
  inReview: number;
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const e = state.fieldErrors ?? {};
  const v = (name: keyof ColumnFormValues, saved: string) => valueOf(state, name, saved);
  const checked = (name: "requiresDeptHead" | "requiresLeader") => v(name, initial[name] ? "on" : "") === "on";
  const code = v("code", initial.code);
  const name = v("name", initial.name);
  const parentId = v("parentId", initial.parentId);
  const description = v("description", initial.description);
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <FormNotice state={state} />
      {initial.id && <input type="hidden" name="id" value={initial.id} />}
      {initial.version && <input type="hidden" name="version" value={initial.version} />}
      <div className="grid gap-5 sm:grid-cols-2">
        <Field id="name" label="栏目名称" required errors={e.name}>
          {(p) => <input {...p} name="name" defaultValue={name} key={`n-${name}`} maxLength={100} />}
        </Field>
        <Field
          id="code"
          label="栏目代码"
          required
          errors={e.code}
          hint={codeLocked ? `栏目已有 ${codeLocked} 条信息，代码不能修改（公开网站的栏目地址使用此代码）` : "小写字母、数字和连字符，如 tzgg；用于公开网站的栏目地址"}
        >
          {(p) => <input {...p} name="code" defaultValue={code} key={`c-${code}`} readOnly={codeLocked > 0} maxLength={80} className={`${p.className} font-mono ${codeLocked ? "bg-gray-100" : ""}`} />}
        </Field>
      </div>
      <Field id="parentId" label="上级栏目" errors={e.parentId} hint={hasChildren ? "该栏目有子栏目，只能作为一级栏目" : "栏目最多两级"}>
        {(p) =>
          hasChildren ? (
            <>
              <input type="hidden" name="parentId" value="" />
              <select {...p} disabled defaultValue="">
                <option value="">（一级栏目）</option>
              </select>
            </>
          ) : (
            <select {...p} name="parentId" defaultValue={parentId} key={`p-${parentId}`}>
              <option value="">（一级栏目）</option>
              {parents.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )
        }
      </Field>
      <Field id="description" label="栏目说明" errors={e.description} hint="不超过 500 个字，可不填">
        {(p) => <textarea {...p} name="description" rows={3} defaultValue={description} key={`d-${description.length}`} />}
      </Field>
      <fieldset className="space-y-2 rounded-md border border-gray-200 p-4" aria-describedby="stages-hint">
        <legend className="px-1 text-sm font-medium text-gray-800">审核环节</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="requiresDeptHead" defaultChecked={checked("requiresDeptHead")} key={`h-${checked("requiresDeptHead")}`} />
          处室负责人审核
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="requiresLeader" defaultChecked={checked("requiresLeader")} key={`l-${checked("requiresLeader")}`} />
          分管领导审核
        </label>
        <label className="flex items-center gap-2 text-sm text-gray-600">
          <input type="checkbox" checked disabled readOnly aria-describedby="secrecy-always" />
          保密审查
          <span id="secrecy-always" className="text-xs">（始终需要，不可关闭）</span>
        </label>
        <p id="stages-hint" className="text-xs text-gray-600">
          审核环节的修改只对此后提交的信息生效
          {inReview > 0 ? `；本栏目 ${inReview} 条审核中的信息仍按提交时的环节办理。` : "。"}
        </p>
      </fieldset>
      <Button type="submit" disabled={pending}>
        {pending ? "正在保存…" : submitLabel}
      </Button>
    </form>
  );
}

/** 删除: offered only for an empty column; the server refuses one with items either way. */
export function DeleteColumnForm({ action, id, name, version }: { action: FormAction; id: string; name: string; version: string }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        if (!window.confirm(`确定删除栏目“${name}”？`)) event.preventDefault();
      }}
    >
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <button type="submit" disabled={pending} aria-label={`删除 ${name}`} className="rounded px-2 py-1 text-sm text-red-700 ring-1 ring-red-200 hover:bg-red-50">
        删除
      </button>
      {state.ok === false && state.message && (
        <span role="alert" className="ms-1 text-xs text-red-700">
          {state.message}
        </span>
      )}
    </form>
  );
}
