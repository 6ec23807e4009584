import { forbidden, notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { reportHtml } from "@/lib/export/report";
import { requireActor } from "@/lib/server/platform/auth";
import { reportView } from "@/lib/server/reports/store";

export const metadata = { title: "年度报告预览" };

/** 预览: the saved report rendered by the same reportHtml the item body and the public page use. */
export default async function ReportPreviewPage({ params }: { params: Promise<{ year: string }> }) {
  const actor = await requireActor();
  const { year: raw } = await params;
  if (!/^\d{4}$/.test(raw)) notFound();
  const result = await reportView(actor, Number(raw));
  if (!result.ok) {
    if (result.error === "forbidden") forbidden();
    notFound();
  }
  const v = result.value;
  const draft = v.state !== "published" && v.state !== "imported";
  return (
    <div className="space-y-4">
      {draft && <Alert tone="info">预览：这是送审并发布后公开网站将显示的内容（草稿，尚未公开）。</Alert>}
      <article className="prose-gov mx-auto max-w-4xl rounded-lg border border-gray-200 bg-white px-8 py-6" data-testid="report-preview">
        <h1 className="text-center text-2xl font-bold">
          {v.data.bureau}
          {v.year}年政府信息公开工作年度报告
        </h1>
        <div dangerouslySetInnerHTML={{ __html: reportHtml(v.data) }} />
      </article>
    </div>
  );
}
