"use client";

import { useRef, useState } from "react";
import type { DocxImport } from "@/lib/server/items/docx-import";
import { RichTextEditor } from "./rich-text-editor";

/**
 * 正文: the rich-text editor, labelled for screen readers, its HTML carried in a hidden input, and
 * 从 Word 导入 (the server converts the .docx and sanitises the result; nothing is stored). The
 * document's title fills an empty 标题 and leaves the body, so the public page does not print it
 * twice; a 标题 already typed is kept and the body imported whole.
 */
export function BodyField({
  initialHtml,
  html,
  errors,
  replace,
  onReplace,
  titleIsEmpty,
  onTitle,
  onChange,
}: {
  initialHtml: string;
  html: string;
  errors?: string[];
  replace: { key: number; html: string };
  onReplace: (html: string) => void;
  titleIsEmpty: boolean;
  onTitle: (title: string) => void;
  onChange: (html: string, text: string, byUser: boolean) => void;
}) {
  const [importing, setImporting] = useState(false);
  const [notes, setNotes] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  async function importDocx(file: File | undefined) {
    if (!file) return;
    setProblem(null);
    setNotes([]);
    if (isFilled(html) && !window.confirm("导入将替换当前正文，是否继续？")) return;
    setImporting(true);
    try {
      const response = await fetch("/api/uploads/docx", { method: "POST", body: file, headers: { "X-File-Name": encodeURIComponent(file.name) } });
      const body = (await response.json().catch(() => ({}))) as Partial<DocxImport> & { error?: string };
      if (!response.ok || body.html === undefined) setProblem(body.error ?? "导入失败，请重试。");
      else {
        const title = titleIsEmpty && body.title ? body.title : null;
        onReplace(title ? (body.htmlWithoutTitle ?? body.html) : body.html);
        if (title) onTitle(title);
        setNotes([
          `已从“${file.name}”导入正文，请核对格式。`,
          ...(title ? [`已将文档标题“${title}”填入标题，并从正文中移除。`] : []),
          ...(body.notes ?? []),
        ]);
      }
    } catch {
      setProblem("导入失败，请检查网络后重试。");
    } finally {
      setImporting(false);
      if (input.current) input.current.value = "";
    }
  }

  const describedBy = ["body-hint", errors?.length ? "body-error" : null].filter(Boolean).join(" ");
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div id="body-label" className="text-sm font-medium text-gray-800" onClick={() => document.getElementById("body")?.focus()}>正文</div>
        <label className="inline-flex cursor-pointer items-center rounded-md bg-white px-3 py-1.5 text-sm ring-1 ring-gray-300 focus-within:ring-2 focus-within:ring-blue-700 hover:bg-gray-50">
          {importing ? "正在导入…" : "从 Word 导入（.docx）"}
          <input ref={input} type="file" accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document" className="sr-only" disabled={importing} onChange={(e) => importDocx(e.target.files?.[0])} />
        </label>
      </div>
      <input type="hidden" name="body" value={html} />
      <RichTextEditor
        id="body"
        labelId="body-label"
        describedBy={describedBy}
        invalid={!!errors?.length}
        initialHtml={initialHtml}
        replaceKey={replace.key}
        replaceWith={replace.html}
        onChange={onChange}
      />
      <p id="body-hint" className="text-xs text-gray-600">可直接从 Word 或 WPS 粘贴，系统会清理多余格式；图片请作为附件上传。</p>
      <div role="status" className="text-sm text-gray-700">
        {notes.map((n) => (
          <p key={n}>{n}</p>
        ))}
      </div>
      <p id="body-error" role="alert" className="text-sm text-red-700">
        {[problem, ...(errors ?? [])].filter(Boolean).join("；")}
      </p>
    </div>
  );
}

function isFilled(html: string): boolean {
  return html.replace(/<[^>]*>/g, "").trim() !== "";
}
