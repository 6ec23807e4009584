import Link from "next/link";
import { PasswordChangeForm } from "@/components/console/account/password-change-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { minLengthFor, PASSWORD_POLICY } from "@/lib/domain/password-policy";
import { getSignedIn, requireAccountActor } from "@/lib/server/platform/auth";
import { changePasswordAction } from "../actions";

export const metadata = { title: "修改密码" };

export default async function PasswordPage({ searchParams }: { searchParams: Promise<{ done?: string }> }) {
  const actor = await requireAccountActor("change_password");
  const owed = (await getSignedIn())?.duty === "change_password";
  const done = (await searchParams).done === "1" && !owed;
  return (
    <Card title="修改密码">
      <div className="max-w-xl space-y-4">
        {done && (
          <Alert tone="success">
            密码已修改，您在其他设备上的登录已退出。<Link href="/console" className="underline">进入工作台</Link>
          </Alert>
        )}
        {owed && <Alert tone="info">您的密码是初始密码或已超过 {PASSWORD_POLICY.maxAgeDays} 天未更换，请先修改密码再继续使用。</Alert>}
        <p className="text-sm text-gray-700">
          新密码至少 {minLengthFor(actor.roles)} 个字符，包含大写字母、小写字母、数字、特殊字符中的至少三类；不能是常见密码，不能包含用户名，不能与最近{" "}
          {PASSWORD_POLICY.historySize} 次的密码相同。密码每 {PASSWORD_POLICY.maxAgeDays} 天须更换一次。
        </p>
        <PasswordChangeForm action={changePasswordAction} />
        <p className="text-sm">
          <Link href="/console/account/totp" className="text-gov-red underline">动态口令（双因素认证）</Link>
        </p>
      </div>
    </Card>
  );
}
