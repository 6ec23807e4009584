import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { LetterTemplateForm, LetterTemplateReset } from "@/components/admin/letter-template-form";
import { Card } from "@/components/ui/card";
import { PLACEHOLDERS, PLACEHOLDER_NAMES, REMEDY_TEXTS } from "@/lib/domain/requests/letters";
import { requireActor } from "@/lib/server/platform/auth";
import { can } from "@/lib/server/platform/authz";
import { getLetterTemplate, isLetterTemplateKey, letterTemplateLabel } from "@/lib/server/requests/templates";
import { resetLetterTemplateAction, saveLetterTemplateAction } from "../actions";

export const metadata = { title: "编辑文书模板" };

const REMEDY_LABELS = { standard: "行政复议或者行政诉讼", review_first: "先行政复议（复议前置）", none: "无（程序性告知）" } as const;

export default async function LetterTemplatePage({ params }: { params: Promise<{ key: string }> }) {
  const actor = await requireActor();
  if (!can(actor, "letter.manage")) forbidden();
  const { key } = await params;
  if (!isLetterTemplateKey(key)) notFound();
  const stored = await getLetterTemplate(key);
  const t = stored.template;
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/console/admin/letters" className="text-gov-red hover:underline">
          ← 文书模板
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{letterTemplateLabel(key)}</h1>
      <p className="text-sm text-gray-700">
        {stored.customised ? "本模板已由本机关修改。" : "本模板为系统默认内容。"}
        依据条款：{t.basis ?? "由承办人员在答复中填写"}；救济途径：{REMEDY_LABELS[t.remedy]}；落款日期：{`{${t.dateField}}`}。
      </p>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Card title="模板内容">
          <LetterTemplateForm key={stored.version || "default"} action={saveLetterTemplateAction} templateKey={key} version={stored.version} template={t} />
          {t.remedy !== "none" && (
            <p className="mt-4 text-xs text-gray-600">
              正文之后自动接续救济途径：{REMEDY_TEXTS[t.remedy].replaceAll("{本文书}", t.selfName)}
            </p>
          )}
          {stored.customised && (
            <div className="mt-6 border-t border-gray-100 pt-4">
              <LetterTemplateReset action={resetLetterTemplateAction} templateKey={key} version={stored.version} />
            </div>
          )}
        </Card>
        <Card title="可用的占位符">
          <p className="mb-2 text-xs text-gray-600">在文字中写入 {"{占位符}"}，生成文书时替换为申请的实际内容。“可选”段落只在其中每个占位符都有内容时打印。</p>
          <dl className="space-y-1 text-sm" data-testid="placeholders">
            {PLACEHOLDER_NAMES.map((name) => (
              <div key={name}>
                <dt className="inline font-mono text-gray-900">{`{${name}}`}</dt>
                <dd className="inline text-gray-600">：{PLACEHOLDERS[name].hint}</dd>
              </div>
            ))}
          </dl>
        </Card>
      </div>
    </div>
  );
}
