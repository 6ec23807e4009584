"use client";

import { Table, TableCell, TableHeader, TableRow } from "@tiptap/extension-table";
import TextAlign from "@tiptap/extension-text-align";
import type { Extensions } from "@tiptap/core";
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { cleanPastedWordHtml } from "@/lib/domain/word-paste";

/**
 * 正文编辑器 (Tiptap). Its schema is itself a first filter: pasted Word markup it does not know is
 * dropped, and cleanPastedWordHtml removes what would survive (mso styles, <o:p>). The server
 * sanitises again on every save. The editable area is a labelled multi-line textbox; the toolbar
 * is one tab stop with arrow-key navigation (WAI-ARIA toolbar pattern).
 */
export interface RichTextEditorProps {
  id: string;
  labelId: string;
  describedBy?: string;
  invalid?: boolean;
  initialHtml: string;
  /** Changing it replaces the content with `replaceWith` (Word import, restoring an autosave). */
  replaceKey: number;
  replaceWith: string;
  /** `byUser` is false for the content the editor starts with. */
  onChange: (html: string, text: string, byUser: boolean) => void;
  /** Nodes beyond the item body's (the annual report's live fields), read once at creation. */
  extensions?: Extensions;
  /** The editor once created, for controls outside the toolbar (插入数据). */
  onEditor?: (editor: Editor | null) => void;
  toolbarLabel?: string;
}

const EXTENSIONS = [
  StarterKit.configure({
    heading: { levels: [2, 3, 4] },
    code: false,
    codeBlock: false,
    link: { openOnClick: false, autolink: true, protocols: ["http", "https", "mailto", "tel"], defaultProtocol: "https" },
  }),
  TextAlign.configure({ types: ["heading", "paragraph"], alignments: ["left", "center", "right", "justify"] }),
  Table.configure({ resizable: false }),
  TableRow,
  TableHeader,
  TableCell,
];

export function textOf(editor: Editor): string {
  return editor.getText({ blockSeparator: "\n" });
}

export function RichTextEditor({ id, labelId, describedBy, invalid, initialHtml, replaceKey, replaceWith, onChange, extensions, onEditor, toolbarLabel }: RichTextEditorProps) {
  const editor = useEditor({
    extensions: extensions ? [...EXTENSIONS, ...extensions] : EXTENSIONS,
    content: initialHtml,
    immediatelyRender: false,
    editorProps: {
      attributes: {
        id,
        role: "textbox",
        "aria-multiline": "true",
        "aria-labelledby": labelId,
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
        ...(invalid ? { "aria-invalid": "true" } : {}),
        class: "prose-gov min-h-72 px-3 py-2 focus:outline-none",
      },
      transformPastedHTML: cleanPastedWordHtml,
    },
    onCreate: ({ editor }) => onChange(editor.getHTML(), textOf(editor), false),
    onUpdate: ({ editor }) => onChange(editor.getHTML(), textOf(editor), true),
  });

  useEffect(() => onEditor?.(editor), [editor, onEditor]);

  const applied = useRef(replaceKey);
  useEffect(() => {
    if (!editor || applied.current === replaceKey) return;
    applied.current = replaceKey;
    editor.commands.setContent(replaceWith, { emitUpdate: true });
  }, [editor, replaceKey, replaceWith]);

  useEffect(() => {
    if (!editor) return;
    const dom = editor.view.dom;
    if (invalid) dom.setAttribute("aria-invalid", "true");
    else dom.removeAttribute("aria-invalid");
    if (describedBy) dom.setAttribute("aria-describedby", describedBy);
  }, [editor, invalid, describedBy]);

  return (
    <div className={`rounded-md border bg-white shadow-sm focus-within:ring-2 focus-within:ring-blue-700/30 ${invalid ? "border-red-600" : "border-gray-300"} ${TABLE_STYLES}`}>
      <Toolbar editor={editor} controls={id} label={toolbarLabel} />
      <EditorContent editor={editor} />
    </div>
  );
}

/** Tables get their grid from .prose-gov (globals.css); a wide one scrolls inside the editor. */
const TABLE_STYLES =
  "[&_.ProseMirror]:overflow-x-auto [&_blockquote]:border-s-4 [&_blockquote]:border-gray-300 [&_blockquote]:ps-3 [&_a]:text-blue-800 [&_a]:underline [&_.selectedCell]:bg-blue-100";

type Tool = { label: string; run: (e: Editor) => void; active?: (e: Editor) => boolean; enabled?: (e: Editor) => boolean; text: string };

const chain = (e: Editor) => e.chain().focus();
const TOOLS: (Tool | "|")[] = [
  { label: "撤销", text: "↶", run: (e) => chain(e).undo().run(), enabled: (e) => e.can().undo() },
  { label: "重做", text: "↷", run: (e) => chain(e).redo().run(), enabled: (e) => e.can().redo() },
  "|",
  { label: "正文段落", text: "正文", run: (e) => chain(e).setParagraph().run(), active: (e) => e.isActive("paragraph") },
  { label: "一级标题", text: "标题1", run: (e) => chain(e).toggleHeading({ level: 2 }).run(), active: (e) => e.isActive("heading", { level: 2 }) },
  { label: "二级标题", text: "标题2", run: (e) => chain(e).toggleHeading({ level: 3 }).run(), active: (e) => e.isActive("heading", { level: 3 }) },
  "|",
  { label: "加粗", text: "B", run: (e) => chain(e).toggleBold().run(), active: (e) => e.isActive("bold") },
  { label: "倾斜", text: "I", run: (e) => chain(e).toggleItalic().run(), active: (e) => e.isActive("italic") },
  { label: "下划线", text: "U", run: (e) => chain(e).toggleUnderline().run(), active: (e) => e.isActive("underline") },
  { label: "删除线", text: "S", run: (e) => chain(e).toggleStrike().run(), active: (e) => e.isActive("strike") },
  "|",
  { label: "左对齐", text: "⇤", run: (e) => chain(e).setTextAlign("left").run(), active: (e) => e.isActive({ textAlign: "left" }) },
  { label: "居中", text: "≡", run: (e) => chain(e).setTextAlign("center").run(), active: (e) => e.isActive({ textAlign: "center" }) },
  { label: "右对齐", text: "⇥", run: (e) => chain(e).setTextAlign("right").run(), active: (e) => e.isActive({ textAlign: "right" }) },
  { label: "两端对齐", text: "☰", run: (e) => chain(e).setTextAlign("justify").run(), active: (e) => e.isActive({ textAlign: "justify" }) },
  "|",
  { label: "项目符号列表", text: "•列表", run: (e) => chain(e).toggleBulletList().run(), active: (e) => e.isActive("bulletList") },
  { label: "编号列表", text: "1.列表", run: (e) => chain(e).toggleOrderedList().run(), active: (e) => e.isActive("orderedList") },
  { label: "引用", text: "引用", run: (e) => chain(e).toggleBlockquote().run(), active: (e) => e.isActive("blockquote") },
  { label: "插入链接", text: "链接", run: promptLink, active: (e) => e.isActive("link") },
  { label: "插入分隔线", text: "—", run: (e) => chain(e).setHorizontalRule().run() },
  "|",
  { label: "插入表格", text: "表格", run: (e) => chain(e).insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(), enabled: (e) => !e.isActive("table") },
  { label: "在下方插入行", text: "+行", run: (e) => chain(e).addRowAfter().run(), enabled: (e) => e.isActive("table") },
  { label: "在右侧插入列", text: "+列", run: (e) => chain(e).addColumnAfter().run(), enabled: (e) => e.isActive("table") },
  { label: "删除当前行", text: "−行", run: (e) => chain(e).deleteRow().run(), enabled: (e) => e.isActive("table") },
  { label: "删除当前列", text: "−列", run: (e) => chain(e).deleteColumn().run(), enabled: (e) => e.isActive("table") },
  { label: "删除表格", text: "删表", run: (e) => chain(e).deleteTable().run(), enabled: (e) => e.isActive("table") },
  "|",
  { label: "清除格式", text: "清除格式", run: (e) => chain(e).unsetAllMarks().unsetTextAlign().run() },
];

function promptLink(e: Editor) {
  const previous = (e.getAttributes("link").href as string | undefined) ?? "https://";
  const href = window.prompt("链接地址（留空则取消链接）", previous);
  if (href === null) return;
  if (href.trim() === "") chain(e).extendMarkRange("link").unsetLink().run();
  else chain(e).extendMarkRange("link").setLink({ href: href.trim() }).run();
}

function Toolbar({ editor, controls, label = "正文格式" }: { editor: Editor | null; controls: string; label?: string }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) =>
      e ? TOOLS.map((t) => (t === "|" ? null : { active: t.active?.(e) ?? false, enabled: t.enabled?.(e) ?? true })) : null,
  });
  const ref = useRef<HTMLDivElement>(null);
  const [current, setCurrent] = useState(0);

  // Unavailable tools stay focusable (aria-disabled), so arrow keys never skip or strand focus.
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>("button") ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: buttons.length - 1 }[event.key];
    if (next === undefined || at < 0) return;
    event.preventDefault();
    const target = buttons[(next + buttons.length) % buttons.length];
    setCurrent(Number(target.dataset.tool));
    target.focus();
  }

  return (
    <div ref={ref} role="toolbar" aria-label={label} aria-controls={controls} onKeyDown={onKeyDown} className="flex flex-wrap items-center gap-1 border-b border-gray-200 bg-gray-50 px-2 py-1.5">
      {TOOLS.map((t, i) =>
        t === "|" ? (
          <span key={i} aria-hidden="true" className="mx-1 h-5 w-px bg-gray-300" />
        ) : (
          <button
            key={t.label}
            type="button"
            title={t.label}
            aria-label={t.label}
            data-tool={i}
            aria-pressed={t.active ? (state?.[i]?.active ?? false) : undefined}
            aria-disabled={!editor || state?.[i]?.enabled === false ? true : undefined}
            tabIndex={i === current ? 0 : -1}
            onFocus={() => setCurrent(i)}
            onClick={() => editor && state?.[i]?.enabled !== false && t.run(editor)}
            className="min-w-8 rounded px-1.5 py-1 text-sm text-gray-800 hover:bg-gray-200 aria-disabled:opacity-40 aria-pressed:bg-gray-800 aria-pressed:text-white"
          >
            {t.text}
          </button>
        ),
      )}
    </div>
  );
}
