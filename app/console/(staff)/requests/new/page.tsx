import Link from "next/link";
import { forbidden } from "next/navigation";
import { RegistrationForm } from "@/components/console/requests/registration-form";
import { Card } from "@/components/ui/card";
import { chinaDate } from "@/lib/domain/dates";
import { requireActor } from "@/lib/server/platform/auth";
import { can } from "@/lib/server/platform/authz";
import { assignableDepartments } from "@/lib/server/requests/views";
import { registerRequestAction } from "../actions";

export const metadata = { title: "登记依申请公开申请" };

/** The office registers a letter, a walk-in (or an oral request written down), a fax or an e-mail. */
export default async function RegisterRequestPage() {
  const actor = await requireActor();
  if (!can(actor, "request.register")) forbidden();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p className="text-sm">
        <Link href="/console/requests" className="text-gov-red hover:underline">
          ← 依申请公开
        </Link>
      </p>
      <Card title="登记依申请公开申请">
        <RegistrationForm action={registerRequestAction} today={chinaDate(new Date())} departments={await assignableDepartments()} />
      </Card>
    </div>
  );
}
