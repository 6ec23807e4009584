import { Card } from "@/components/ui/card";
import { formatChineseDateTime } from "@/lib/domain/dates";
import { revisionLines, type RevisionFields } from "@/lib/domain/revision-view";
import { RevisionDiff } from "./revision-diff";

/**
 * The staff item page's view of the current revision: its catalogue entry, its attachments and,
 * for reviewers, what changed against the published revision while an edit of it is under
 * review, else against the previous revision (never published, or the edit is itself published).
 */
interface Snapshot {
  number: number;
  author: string;
  createdAt: Date;
  fields: RevisionFields;
  attachments: { id: string; fileName: string; size: number; warning?: string }[];
}

export function RevisionDetails({
  current,
  base,
  baseIsPublished,
  currentIsPublished = false,
}: {
  current: Snapshot;
  base: Snapshot | null;
  baseIsPublished: boolean;
  currentIsPublished?: boolean;
}) {
  const lines = revisionLines(current.fields).filter((l) => l.key !== "title" && l.key !== "attachments");
  return (
    <>
      <Card title={`目录信息（第 ${current.number} 版）`}>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2" data-testid="catalogue">
          {lines.map((l) => (
            <div key={l.key} className={l.key === "summary" ? "sm:col-span-2" : undefined}>
              <dt className="text-gray-500">{l.label}</dt>
              <dd data-field={l.key} className="break-words whitespace-pre-wrap">{l.value || "—"}</dd>
            </div>
          ))}
        </dl>
        <h3 className="mt-4 text-sm font-medium text-gray-800">附件</h3>
        {current.attachments.length === 0 ? (
          <p className="text-sm text-gray-500">无附件。</p>
        ) : (
          <ol className="mt-1 list-decimal space-y-1 ps-6 text-sm">
            {current.attachments.map((a) => (
              <li key={a.id}>
                <a href={`/attachments/${a.id}`} className="text-blue-800 underline">{a.fileName}</a>
                <span className="text-gray-500">（{Math.max(1, Math.round(a.size / 1024))} KB）</span>
                {a.warning && (
                  <p className="text-sm font-medium text-red-800" data-testid="attachment-warning">
                    ⚠ {a.warning}
                  </p>
                )}
              </li>
            ))}
          </ol>
        )}
      </Card>
      <Card title={baseIsPublished ? "与公开网站上的版本比较" : "与上一版本比较"}>
        {base ? (
          <RevisionDiff
            before={base.fields}
            after={current.fields}
            beforeLabel={`第 ${base.number} 版${baseIsPublished ? "（已发布）" : ""}，${base.author} ${formatChineseDateTime(base.createdAt)}`}
            afterLabel={`第 ${current.number} 版${currentIsPublished ? "（已发布）" : ""}，${current.author} ${formatChineseDateTime(current.createdAt)}`}
          />
        ) : (
          <p className="text-sm text-gray-600">这是第一个版本，没有可比较的版本。</p>
        )}
      </Card>
    </>
  );
}
