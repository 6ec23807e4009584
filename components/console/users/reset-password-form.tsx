"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/lib/form-state";
import { OneTimePasswordNotice } from "./one-time-password";

type State = FormState & { oneTime?: { username: string; password: string } };

/** 重置密码 (系统管理员): a new one-time password; the user's sessions end. */
export function ResetPasswordForm({ action }: { action: (s: State) => Promise<State> }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-3">
      {state.oneTime && <OneTimePasswordNotice username={state.oneTime.username} password={state.oneTime.password} />}
      {state.message && <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>}
      <Button type="submit" variant="secondary" disabled={pending}>
        重置为一次性密码
      </Button>
    </form>
  );
}
