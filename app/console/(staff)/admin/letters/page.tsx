import Link from "next/link";
import { forbidden } from "next/navigation";
import { Card } from "@/components/ui/card";
import { formatChineseDateTime } from "@/lib/domain/dates";
import { REPLY_TEMPLATE_KEYS } from "@/lib/domain/requests/letters-replies";
import { requireActor } from "@/lib/server/platform/auth";
import { letterTemplateLabel, listLetterTemplates } from "@/lib/server/requests/templates";

export const metadata = { title: "文书模板" };

/** 文书模板: every 答复书 and 告知书, and whether the office has edited it. */
export default async function LetterTemplatesPage() {
  const result = await listLetterTemplates(await requireActor());
  if (!result.ok) forbidden();
  const isReply = (key: string) => (REPLY_TEMPLATE_KEYS as readonly string[]).includes(key);
  const replies = result.value.filter((t) => isReply(t.key));
  const notices = result.value.filter((t) => !isReply(t.key));
  const list = (rows: typeof result.value) => (
    <ul className="divide-y divide-gray-100">
      {rows.map((t) => (
        <li key={t.key} data-template={t.key} className="flex flex-wrap items-center justify-between gap-2 py-2">
          <Link href={`/console/admin/letters/${t.key}`} className="text-gov-red hover:underline">
            {letterTemplateLabel(t.key)}
          </Link>
          <span className="text-sm text-gray-600">
            {t.customised ? (
              <span className="rounded bg-amber-100 px-2 py-0.5 text-amber-900">已修改{t.updatedAt ? `（${formatChineseDateTime(t.updatedAt)}）` : ""}</span>
            ) : (
              <span className="rounded bg-gray-100 px-2 py-0.5 text-gray-700">默认</span>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">文书模板</h1>
      <p className="text-sm text-gray-600">
        答复书按办理结果各有一份模板，告知书各有一份。修改的是标题、称谓、正文段落和附注；所依据的条款、救济途径和落款日期由系统按条例确定。每次修改都记入审计日志，可随时恢复默认。
      </p>
      <Card title="答复书">{list(replies)}</Card>
      <Card title="告知书、通知书和回执">{list(notices)}</Card>
    </div>
  );
}
