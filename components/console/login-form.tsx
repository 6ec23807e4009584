"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { loginErrorMessage } from "@/lib/domain/lockout";
import { TOTP_REQUIRED_ERROR, TOTP_REQUIRED_MESSAGE } from "@/lib/domain/second-factor";

/**
 * Errors must not tell which usernames exist (ASVS 6.3.8): a wrong password and an unknown name
 * read alike, and so does a lock, which the server applies to unknown names too.
 */
export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const username = String(form.get("username") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!username || !password) {
      setError("请输入用户名和密码。");
      return;
    }
    setPending(true);
    setError(null);
    const totp = String(form.get("totp") ?? "").trim();
    const result = await signIn("credentials", { username, password, totp, redirect: false });
    setPending(false);
    if (!result || result.error) {
      // Only ever answered after the password checked out: it tells nothing to a guesser.
      setError(result?.error === TOTP_REQUIRED_ERROR ? TOTP_REQUIRED_MESSAGE : loginErrorMessage(result?.error, new Date()));
      if (result?.error === TOTP_REQUIRED_ERROR) document.getElementById("totp")?.focus();
      return;
    }
    router.push(callbackUrl);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {error && <Alert>{error}</Alert>}
      <Field id="username" label="用户名" required>
        {(p) => <input {...p} name="username" autoComplete="username" required />}
      </Field>
      <Field id="password" label="密码" required>
        {(p) => <input {...p} name="password" type="password" autoComplete="current-password" required />}
      </Field>
      <Field id="totp" label="动态口令" hint="已启用动态口令的用户填写验证器上的 6 位数字，或一个恢复码">
        {(p) => <input {...p} name="totp" inputMode="numeric" autoComplete="one-time-code" />}
      </Field>
      <Button type="submit" disabled={pending} className="w-full py-2.5">
        {pending ? "正在登录…" : "登录"}
      </Button>
    </form>
  );
}
