"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { initialFormState } from "@/lib/form-state";
import { FormNotice, valueOf, type FormAction } from "./form-bits";

/** One channel: 改名 and 启用/停用. Its code is fixed: item revisions store it. */
export function ChannelRowForm({ action, channel }: { action: FormAction; channel: { id: string; code: string; name: string; active: boolean; version: string } }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const e = state.fieldErrors ?? {};
  const name = valueOf(state, "name", channel.name);
  const active = valueOf(state, "active", channel.active ? "on" : "") === "on";
  const p = `channel-${channel.id}`;
  return (
    <form action={formAction} className="space-y-2" noValidate>
      <input type="hidden" name="id" value={channel.id} />
      <input type="hidden" name="version" value={channel.version} />
      <div className="grid gap-3 sm:grid-cols-[1fr_auto_auto] sm:items-start">
        <Field id={`${p}-name`} label="渠道名称" required errors={e.name}>
          {(props) => <input {...props} name="name" defaultValue={name} key={`n-${name}`} maxLength={100} />}
        </Field>
        <label className="flex items-center gap-2 text-sm sm:mt-8">
          <input type="checkbox" name="active" defaultChecked={active} key={`a-${active}`} />
          启用
        </label>
        <Button type="submit" variant="secondary" disabled={pending} className="sm:mt-6">
          {pending ? "正在保存…" : "保存"}
        </Button>
      </div>
      <FormNotice state={state} />
    </form>
  );
}

export function ChannelCreateForm({ action }: { action: FormAction }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const e = state.fieldErrors ?? {};
  const v = (name: string) => valueOf(state, name, "");
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <FormNotice state={state} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="new-channel-code" label="渠道代码" required errors={e.code} hint="小写字母、数字和连字符，如 wechat；创建后不可修改">
          {(props) => <input {...props} name="code" defaultValue={v("code")} key={`c-${v("code")}`} maxLength={80} />}
        </Field>
        <Field id="new-channel-name" label="渠道名称" required errors={e.name}>
          {(props) => <input {...props} name="name" defaultValue={v("name")} key={`n-${v("name")}`} maxLength={100} />}
        </Field>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "正在保存…" : "新建渠道"}
      </Button>
    </form>
  );
}
