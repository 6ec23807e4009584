import { diffRevisions, type DiffPart } from "@/lib/domain/text-diff";
import type { RevisionFields } from "@/lib/domain/revision-view";

/**
 * 版本比较: the fields and body text that differ between two revisions, word by word. Deleted
 * text is struck through and added text underlined, and both are also marked in words for screen
 * readers, so the change never depends on colour alone (WCAG 1.4.1).
 */
export function RevisionDiff({
  before,
  after,
  beforeLabel,
  afterLabel,
}: {
  before: RevisionFields;
  after: RevisionFields;
  beforeLabel: string;
  afterLabel: string;
}) {
  const changes = diffRevisions(before, after);
  return (
    <section aria-label="版本差异" data-testid="revision-diff" className="space-y-3 text-sm">
      <p className="text-gray-600">
        对照：<span className="line-through decoration-red-700">{beforeLabel}</span> → <span className="underline decoration-green-700">{afterLabel}</span>
      </p>
      {changes.length === 0 ? (
        <p className="text-gray-600">两个版本的内容相同。</p>
      ) : (
        <dl className="space-y-3">
          {changes.map((c) => (
            <div key={c.key} data-diff-field={c.key}>
              <dt className="font-medium text-gray-800">{c.label}</dt>
              <dd className="mt-1 rounded border border-gray-200 bg-gray-50 px-3 py-2 leading-7 whitespace-pre-wrap break-words">
                {c.parts.map((p, i) => (
                  <Part key={i} part={p} />
                ))}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

function Part({ part }: { part: DiffPart }) {
  switch (part.kind) {
    case "same":
      return <span>{part.text}</span>;
    case "skipped":
      return <span className="text-gray-500">（……未改动 {part.chars} 字……）</span>;
    case "removed":
      return (
        <del className="bg-red-100 text-red-900 decoration-red-700">
          <span className="sr-only">［删除：</span>
          {part.text}
          <span className="sr-only">］</span>
        </del>
      );
    case "added":
      return (
        <ins className="bg-green-100 text-green-900 decoration-green-700">
          <span className="sr-only">［新增：</span>
          {part.text}
          <span className="sr-only">］</span>
        </ins>
      );
  }
}
