/** A one-time password, shown once to the administrator who set it (it is stored only as a hash). */
export function OneTimePasswordNotice({ username, password }: { username: string; password: string }) {
  return (
    <div role="status" className="space-y-1 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
      <p>
        用户名 <span className="font-mono font-semibold">{username}</span> 的一次性密码：
        <span data-testid="one-time-password" className="ms-1 select-all rounded bg-white px-2 py-0.5 font-mono text-base font-semibold tracking-wider">
          {password}
        </span>
      </p>
      <p>只显示这一次：请当面或通过安全渠道交给本人。本人首次登录后须修改密码。</p>
    </div>
  );
}
