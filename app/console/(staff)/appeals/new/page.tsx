import Link from "next/link";
import { forbidden } from "next/navigation";
import { AppealForm } from "@/components/console/appeals/appeal-form";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/server/platform/auth";
import { can } from "@/lib/server/platform/authz";
import { createAppealAction } from "../actions";
import { KIND_OPTIONS, RESULT_OPTIONS } from "../options";

export const metadata = { title: "登记行政复议或行政诉讼" };

export default async function NewAppealPage({ searchParams }: { searchParams: Promise<{ request?: string }> }) {
  const actor = await requireActor();
  if (!can(actor, "appeal.manage")) forbidden();
  const { request } = await searchParams;
  return (
    <div className="space-y-6">
      <div>
        <Link href="/console/appeals" className="text-sm text-gov-red underline">
          ← 行政复议和行政诉讼
        </Link>
        <h1 className="mt-2 text-2xl font-bold">登记行政复议或行政诉讼</h1>
      </div>
      <Card>
        <AppealForm
          action={createAppealAction}
          kinds={KIND_OPTIONS}
          results={RESULT_OPTIONS}
          submitLabel="登记"
          initial={{ kind: "", requestNumber: typeof request === "string" ? request.slice(0, 50) : "", filedOn: "", result: "pending", concludedOn: "", note: "" }}
        />
      </Card>
    </div>
  );
}
