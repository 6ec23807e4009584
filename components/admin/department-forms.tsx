"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { initialFormState } from "@/lib/form-state";
import { FormNotice, valueOf, type FormAction } from "./form-bits";

export interface LeaderChoice {
  id: string;
  displayName: string;
  username: string;
}

function LeaderSelect({ props, value, leaders, current }: {
  props: Record<string, unknown>;
  value: string;
  leaders: LeaderChoice[];
  current?: { id: string; displayName: string; status: string } | null;
}) {
  const missing = current && !leaders.some((l) => l.id === current.id);
  return (
    <select {...props} name="leaderId" defaultValue={value} key={`leader-${value}`}>
      <option value="">（未设置）</option>
      {missing && (
        <option value={current.id}>
          {current.displayName}（{current.status === "DISABLED" ? "账户已停用" : "已不是分管领导"}）
        </option>
      )}
      {leaders.map((l) => (
        <option key={l.id} value={l.id}>
          {l.displayName}（{l.username}）
        </option>
      ))}
    </select>
  );
}

/** One department: 改名 and 分管领导, saved together. */
export function DepartmentRowForm({ action, department, leaders }: {
  action: FormAction;
  department: { id: string; code: string; name: string; version: string; leader: { id: string; displayName: string; status: string } | null; pendingAtLeader: number };
  leaders: LeaderChoice[];
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const e = state.fieldErrors ?? {};
  const p = `dept-${department.id}`;
  const name = valueOf(state, "name", department.name);
  return (
    <form action={formAction} className="space-y-2" noValidate>
      <input type="hidden" name="id" value={department.id} />
      <input type="hidden" name="version" value={department.version} />
      <div className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-start">
        <Field id={`${p}-name`} label="处室名称" required errors={e.name}>
          {(props) => <input {...props} name="name" defaultValue={name} key={`n-${name}`} maxLength={100} />}
        </Field>
        <Field
          id={`${p}-leader`}
          label="分管领导"
          errors={e.leaderId}
          hint={department.pendingAtLeader ? `${department.pendingAtLeader} 条信息待分管领导审核；更换后转由新的分管领导审核` : undefined}
        >
          {(props) => <LeaderSelect props={props} value={valueOf(state, "leaderId", department.leader?.id ?? "")} leaders={leaders} current={department.leader} />}
        </Field>
        <Button type="submit" variant="secondary" disabled={pending} className="sm:mt-6">
          {pending ? "正在保存…" : "保存"}
        </Button>
      </div>
      <FormNotice state={state} />
    </form>
  );
}

export function DepartmentCreateForm({ action, leaders }: { action: FormAction; leaders: LeaderChoice[] }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const e = state.fieldErrors ?? {};
  const v = (name: string) => valueOf(state, name, "");
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <FormNotice state={state} />
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id="new-dept-code" label="处室代码" required errors={e.code} hint="字母、数字和连字符，如 GXJS；创建后不可修改">
          {(props) => <input {...props} name="code" defaultValue={v("code")} key={`c-${v("code")}`} maxLength={64} />}
        </Field>
        <Field id="new-dept-name" label="处室名称" required errors={e.name}>
          {(props) => <input {...props} name="name" defaultValue={v("name")} key={`n-${v("name")}`} maxLength={100} />}
        </Field>
        <Field id="new-dept-leader" label="分管领导" errors={e.leaderId}>
          {(props) => <LeaderSelect props={props} value={v("leaderId")} leaders={leaders} />}
        </Field>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "正在保存…" : "新建处室"}
      </Button>
    </form>
  );
}
