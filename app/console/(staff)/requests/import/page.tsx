import { forbidden } from "next/navigation";
import { ImportProgress } from "@/components/console/import/import-progress";
import { LedgerImport } from "@/components/console/import/ledger-import";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/server/platform/auth";
import { can } from "@/lib/server/platform/authz";
import { ledgerUploadStatus } from "@/lib/server/requests/ledger-upload";
import { confirmImportAction } from "./actions";

export const metadata = { title: "导入台账" };

export default async function ImportPage({ searchParams }: { searchParams: Promise<{ upload?: string }> }) {
  const actor = await requireActor();
  if (!can(actor, "request.import")) forbidden();
  const { upload } = await searchParams;
  const status = typeof upload === "string" ? await ledgerUploadStatus(actor, upload) : null;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">导入台账</h1>
        <p className="mt-1 text-sm text-gray-600">
          将以往的依申请公开台账、行政复议和行政诉讼台账导入本系统。文件中任何一行有误时整个文件都不导入，并列出每一处错误的行号和列名；行号与 Excel
          中显示的一致（第 1 行为表头）。导入记入审计日志。
        </p>
      </div>
      {typeof upload === "string" && !status && <Alert>没有找到该导入记录。</Alert>}
      <Card title={status ? `导入“${status.fileName}”` : "上传文件"}>
        {status ? <ImportProgress status={status} /> : <LedgerImport confirmAction={confirmImportAction} />}
      </Card>
    </div>
  );
}
