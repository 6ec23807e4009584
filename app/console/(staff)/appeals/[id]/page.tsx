import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { AppealForm } from "@/components/console/appeals/appeal-form";
import { Card } from "@/components/ui/card";
import { formatChineseDateTime } from "@/lib/domain/dates";
import { requireActor } from "@/lib/server/platform/auth";
import { can } from "@/lib/server/platform/authz";
import { getAppeal } from "@/lib/server/requests/appeals";
import { updateAppealAction } from "../actions";
import { KIND_OPTIONS, RESULT_OPTIONS } from "../options";

export const metadata = { title: "修改行政复议或行政诉讼" };

export default async function AppealPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  if (!can(actor, "appeal.manage")) forbidden();
  const appeal = await getAppeal(actor, (await params).id);
  if (!appeal) notFound();
  return (
    <div className="space-y-6">
      <div>
        <Link href={`/console/appeals?year=${appeal.filedOn.slice(0, 4)}`} className="text-sm text-gov-red underline">
          ← 行政复议和行政诉讼
        </Link>
        <h1 className="mt-2 text-2xl font-bold">
          {appeal.kindLabel}（{appeal.resultLabel}）
        </h1>
        <p className="mt-1 text-sm text-gray-600">
          最后修改：{formatChineseDateTime(new Date(appeal.version))}
          {appeal.imported && "；由台账导入"}
        </p>
      </div>
      <Card title={appeal.result === "pending" ? "修改或登记审结" : "修改"}>
        <AppealForm
          action={updateAppealAction}
          kinds={KIND_OPTIONS}
          results={RESULT_OPTIONS}
          submitLabel="保存"
          initial={{
            id: appeal.id,
            version: appeal.version,
            kind: appeal.kind,
            requestNumber: appeal.request?.number ?? "",
            filedOn: appeal.filedOn,
            result: appeal.result,
            concludedOn: appeal.concludedOn ?? "",
            note: appeal.note,
          }}
        />
      </Card>
    </div>
  );
}
