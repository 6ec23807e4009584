import { article20Label, isArticle20Item } from "@/lib/domain/article20";
import { formatChineseDate } from "@/lib/domain/dates";
import { DOCUMENT_TYPE_LABELS, showsValidity, VALIDITY_LABELS } from "@/lib/domain/public-labels";
import type { PublishedItem } from "@/lib/server/public/site";

/** The metadata block every disclosure page opens with (DESIGN §6). */
export function ItemMetadata({ item }: { item: PublishedItem }) {
  const meta: [string, string][] = [
    ["索引号", item.indexNumber],
    ["发布机构", item.publisher],
    ["生成日期", formatChineseDate(item.formedOn)],
    ["发布日期", formatChineseDate(item.publishedAt)],
    ["文号", item.documentNumber ?? "无"],
  ];
  if (item.topic) meta.push(["主题分类", item.topic]);
  if (isArticle20Item(item.article20Item)) meta.push(["公开类别", article20Label(item.article20Item)]);
  if (item.documentType !== "OTHER") meta.push(["文件类型", DOCUMENT_TYPE_LABELS[item.documentType]]);
  if (showsValidity(item.documentType, item.validity)) meta.push(["有效性", item.validity ? VALIDITY_LABELS[item.validity] : "有效"]);
  if (item.signedOn) meta.push(["成文日期", formatChineseDate(item.signedOn)]);
  if (item.effectiveOn) meta.push(["生效日期", formatChineseDate(item.effectiveOn)]);
  if (item.repealedOn) meta.push(["废止日期", formatChineseDate(item.repealedOn)]);
  return (
    <dl aria-label="信息元数据" className="grid grid-cols-1 border-s border-t border-gray-300 bg-gray-50 text-sm sm:grid-cols-2">
      {meta.map(([k, v]) => (
        <div key={k} className="flex border-e border-b border-gray-300">
          <dt className="w-24 shrink-0 bg-gray-100 px-3 py-2 font-medium text-gray-800">{k}</dt>
          <dd className="min-w-0 px-3 py-2 break-all" data-meta={k}>
            {v}
          </dd>
        </div>
      ))}
    </dl>
  );
}
