import { TotpEnrolment } from "@/components/console/account/totp-enrolment";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { enrolmentFor } from "@/lib/server/account/totp";
import { getSignedIn, requireAccountActor } from "@/lib/server/platform/auth";
import { confirmTotpAction } from "../actions";

export const metadata = { title: "动态口令" };

export default async function TotpPage() {
  const actor = await requireAccountActor("enrol_totp");
  const owed = (await getSignedIn())?.duty === "enrol_totp";
  const enrolment = await enrolmentFor(actor);
  return (
    <Card title="动态口令（双因素认证）">
      <div className="max-w-2xl space-y-4">
        {owed && <Alert tone="info">按照安全策略，您的账户须启用动态口令后才能继续使用。</Alert>}
        <TotpEnrolment action={confirmTotpAction} enrolment={enrolment.enabled ? null : { secret: enrolment.secret, qrSvg: enrolment.qrSvg }} />
      </div>
    </Card>
  );
}
