import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { ChecksPanel } from "@/components/reports/checks-panel";
import { ReportEditorProvider } from "@/components/reports/editor-context";
import { ExportPanel } from "@/components/reports/export-panel";
import { FiguresForm } from "@/components/reports/figures-form";
import { REPORT_FORMAT_LABELS, StateBadge } from "@/components/reports/labels";
import { Table2View, Table3View, Table4View } from "@/components/reports/report-tables";
import { SectionEditor, SectionsSaveBar } from "@/components/reports/section-editor";
import { VersionsTable } from "@/components/reports/versions-table";
import { CorrectionForm, PreviewLink, SendForReviewForm } from "@/components/reports/workflow-panel";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { FORMATS, type ReportSection } from "@/lib/domain/reports/formats";
import { metricValue, overviewSentences, reportMetrics } from "@/lib/domain/reports/narrative";
import { requireActor } from "@/lib/server/platform/auth";
import { reportView } from "@/lib/server/reports/store";

export const metadata = { title: "编辑年度报告" };

export default async function ReportYearPage({ params }: { params: Promise<{ year: string }> }) {
  const actor = await requireActor();
  const { year: raw } = await params;
  if (!/^\d{4}$/.test(raw)) notFound();
  const result = await reportView(actor, Number(raw));
  if (!result.ok) {
    if (result.error === "forbidden") forbidden();
    notFound();
  }
  const v = result.value;
  const format = FORMATS[v.format];
  const metrics = reportMetrics(v.data.statistics, format).map((m) => ({ ...m, value: metricValue(v.data, m.key) ?? "—" }));
  const { table2, table3, table4 } = v.data;

  function body(section: ReportSection) {
    const c = section.content;
    if (c.kind === "text") {
      return (
        <SectionEditor
          sectionKey={c.key}
          title={section.title}
          initialHtml={v.data.sections[c.key] ?? ""}
          metrics={metrics}
          sentences={c.key === "overview" ? overviewSentences(v.year, v.data.statistics) : undefined}
        />
      );
    }
    const table = { table2: <Table2View />, table3: <Table3View />, table4: <Table4View /> }[c.kind];
    return (
      <section aria-labelledby={`section-${c.kind}-label`} className="space-y-3">
        <h2 id={`section-${c.kind}-label`} className="text-lg font-semibold">{section.title}</h2>
        {table}
        {c.kind === "table2" && <FiguresForm />}
      </section>
    );
  }

  return (
    <ReportEditorProvider
      data={{ year: v.year, revision: v.revision, format: v.format, canEdit: v.canEdit, tables: { table2, table3, table4 }, computed: v.computed, checks: v.data.checks, overrides: v.data.overrides }}
    >
      <div className="space-y-6">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div>
            <p className="text-sm">
              <Link href="/console/reports" className="text-gov-red hover:underline">年度报告</Link>
            </p>
            <h1 className="text-2xl font-bold">{v.year}年政府信息公开工作年度报告</h1>
            <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-gray-600">
              <StateBadge state={v.state} />
              <span data-testid="report-format">{REPORT_FORMAT_LABELS[v.format]}</span>
              <span>（{format.source}）</span>
            </p>
          </div>
        </div>
        {v.lockedReason && (
          <Alert tone="info">
            <span data-testid="report-locked">{v.lockedReason}</span>
          </Alert>
        )}
        {v.correction && <Alert tone="info">更正说明：{v.correction}</Alert>}
        <div className="sticky top-0 z-10 flex flex-wrap items-center gap-3 rounded-lg border border-gray-200 bg-white/95 px-4 py-3 shadow-sm" role="region" aria-label="报告操作">
          <SectionsSaveBar />
          <PreviewLink year={v.year} />
          <ExportPanel year={v.year} versionId={v.state === "published" || v.state === "imported" ? (v.versions.find((x) => x.status === "published" || x.status === "imported")?.id ?? null) : null} />
        </div>
        <div className="grid gap-6 xl:grid-cols-[1fr_24rem]">
          <div className="min-w-0 space-y-8 rounded-lg border border-gray-200 bg-white px-5 py-5 shadow-sm">
            {format.sections.map((s) => (
              <div key={s.title}>{body(s)}</div>
            ))}
          </div>
          <div className="space-y-6">
            <Card title="检查结果">
              <ChecksPanel />
            </Card>
            <Card title="送审与发布">
              <div className="space-y-4">
                <SendForReviewForm state={v.state} />
                <CorrectionForm state={v.state} />
                {v.state === "review" && <p className="text-sm text-gray-700">报告正在审核中，审核进度见下方版本记录。</p>}
              </div>
            </Card>
            <Card title="版本记录">
              <VersionsTable versions={v.versions} />
            </Card>
          </div>
        </div>
      </div>
    </ReportEditorProvider>
  );
}
