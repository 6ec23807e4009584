"use client";

import type { Editor } from "@tiptap/react";
import { useMemo, useState } from "react";
import { RichTextEditor } from "@/components/items/rich-text-editor";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { checkDomId, RevisionFields, SECTIONS_FORM_ID, useReportEditor } from "./editor-context";
import { LIVE_FIELD_STYLES, LiveField } from "./live-field";

export interface MetricChoice {
  key: string;
  label: string;
  /** The figure as the report prints it now. */
  value: string;
}

/**
 * A narrative section (一、五、六) in the item editor, with 插入数据: a figure goes in as a live
 * field bound to its metric, never as typed digits, so it follows the tables. Section 一 also
 * offers the computed sentences (overviewSentences) to insert at the cursor.
 */
export function SectionEditor({
  sectionKey,
  title,
  initialHtml,
  metrics,
  sentences,
}: {
  sectionKey: string;
  title: string;
  initialHtml: string;
  metrics: MetricChoice[];
  sentences?: string[];
}) {
  const { canEdit, sections, setDirty, findingsByCell } = useReportEditor();
  const findings = (findingsByCell.get(`sections.${sectionKey}`) ?? []).filter((f) => !f.overridden);
  const [html, setHtml] = useState(sections.state.values?.[sectionKey] ?? initialHtml);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [metric, setMetric] = useState(metrics[0]?.key ?? "");
  const labels = useMemo(() => Object.fromEntries(metrics.map((m) => [m.key, m.label])), [metrics]);
  const extensions = useMemo(() => [LiveField.configure({ labels })], [labels]);
  const id = `section-${sectionKey}`;
  const errors = sections.state.fieldErrors?.[sectionKey] ?? sections.state.fieldErrors?.[`sections.${sectionKey}`];

  function insertMetric() {
    const m = metrics.find((x) => x.key === metric);
    if (!editor || !m) return;
    editor.chain().focus().insertContent({ type: "liveField", attrs: { metric: m.key, value: m.value } }).run();
  }

  function insertSentences(list: string[]) {
    if (!editor) return;
    editor.chain().focus().insertContent(list.join("")).run();
  }

  if (!canEdit) {
    return (
      <section aria-labelledby={`${id}-label`} className="space-y-2">
        <h2 id={`${id}-label`} className="text-lg font-semibold">{title}</h2>
        {initialHtml ? (
          <div className={`prose-gov ${LIVE_FIELD_STYLES}`} dangerouslySetInnerHTML={{ __html: initialHtml }} />
        ) : (
          <p className="text-sm text-gray-500">（本部分无内容）</p>
        )}
      </section>
    );
  }

  return (
    <section aria-labelledby={`${id}-label`} className="space-y-2">
      <h2 id={`${id}-label`} className="text-lg font-semibold">{title}</h2>
      {findings.length > 0 && (
        <ul className="space-y-1 text-sm" data-testid={`section-findings-${sectionKey}`}>
          {findings.map((f) => (
            <li key={f.id} className={f.severity === "error" ? "text-red-800" : "text-amber-800"}>
              {f.severity === "error" ? "错误" : "提示"}：{f.message}
            </li>
          ))}
        </ul>
      )}
      <div className={sentences ? "grid gap-4 xl:grid-cols-[1fr_18rem]" : ""}>
        <div className={`space-y-2 ${LIVE_FIELD_STYLES}`}>
          <input type="hidden" name={sectionKey} value={html} form={SECTIONS_FORM_ID} />
          <RichTextEditor
            id={id}
            labelId={`${id}-label`}
            describedBy={[`${id}-error`, ...findings.map((f) => checkDomId(f.id))].join(" ")}
            invalid={!!errors?.length || findings.some((f) => f.severity === "error")}
            initialHtml={html}
            replaceKey={0}
            replaceWith=""
            extensions={extensions}
            onEditor={setEditor}
            toolbarLabel={`${title}格式`}
            onChange={(next, _text, byUser) => {
              setHtml(next);
              if (byUser) setDirty(sectionKey, true);
            }}
          />
          <div role="group" aria-label={`${title}：插入数据`} className="flex flex-wrap items-end gap-2">
            <label className="text-sm">
              <span className="me-2 text-gray-700">数据</span>
              <select
                value={metric}
                onChange={(e) => setMetric(e.target.value)}
                className="max-w-[24rem] rounded-md border border-gray-300 px-2 py-1.5 text-sm"
                aria-label={`${title}：选择数据`}
              >
                {metrics.map((m) => (
                  <option key={m.key} value={m.key}>
                    {m.label}（{m.value}）
                  </option>
                ))}
              </select>
            </label>
            <Button type="button" variant="secondary" onClick={insertMetric} disabled={!editor || metrics.length === 0}>
              插入数据
            </Button>
          </div>
          <p id={`${id}-error`} aria-live="polite" className="text-sm text-red-700">
            {errors?.join("；")}
          </p>
        </div>
        {sentences && (
          <aside aria-label="系统统计的总体情况" className={`space-y-2 rounded-md border border-gray-200 bg-gray-50 p-3 text-sm ${LIVE_FIELD_STYLES}`}>
            <h3 className="font-medium">系统统计</h3>
            {sentences.length === 0 ? (
              <p className="text-gray-600">本年度没有发布的信息。</p>
            ) : (
              <>
                <div className="space-y-2" data-testid="overview-sentences">
                  {sentences.map((s, i) => (
                    <div key={i} className="prose-gov" dangerouslySetInnerHTML={{ __html: s }} />
                  ))}
                </div>
                <Button type="button" variant="secondary" onClick={() => insertSentences(sentences)} disabled={!editor}>
                  插入统计句子
                </Button>
              </>
            )}
          </aside>
        )}
      </div>
    </section>
  );
}

/** 保存 for the narrative: one form, the editors' hidden fields join it by its id. */
export function SectionsSaveBar() {
  const { sections, dirty, canEdit } = useReportEditor();
  if (!canEdit) return null;
  return (
    <form id={SECTIONS_FORM_ID} action={sections.action} className="flex flex-wrap items-center gap-3" noValidate>
      <RevisionFields />
      <Button type="submit" disabled={sections.pending}>
        {sections.pending ? "正在保存…" : "保存"}
      </Button>
      <span aria-live="polite" className="text-sm">
        {sections.state.message && !(sections.state.ok && dirty.size > 0) && (
          <Alert tone={sections.state.ok ? "success" : "error"}>{sections.state.message}</Alert>
        )}
        {dirty.size > 0 && <span className="text-amber-800">文字部分有未保存的修改。</span>}
      </span>
    </form>
  );
}
