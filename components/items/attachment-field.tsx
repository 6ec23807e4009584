"use client";

import { useId, useRef, useState } from "react";
import type { FormAttachment } from "@/lib/domain/item-form";

/**
 * 附件: upload (checked again by the server from the bytes), remove and reorder. The order is
 * the order on the public page and part of what reviewers approve. Files go up one at a time as
 * the raw request body to /api/uploads.
 */
export function AttachmentField({
  attachments,
  onChange,
  maxMb,
  accept,
  errors,
}: {
  attachments: FormAttachment[];
  /** Given an updater, since uploads finish after the list may have changed. */
  onChange: (update: (current: FormAttachment[]) => FormAttachment[]) => void;
  maxMb: number;
  accept: string;
  errors?: string[];
}) {
  const inputId = useId();
  const [busy, setBusy] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const input = useRef<HTMLInputElement>(null);

  async function upload(files: FileList | null) {
    if (!files?.length) return;
    const refused: string[] = [];
    for (const file of [...files]) {
      if (file.size > maxMb * 1024 * 1024) {
        refused.push(`“${file.name}”超过 ${maxMb} MB 的上限，不能上传。`);
        continue;
      }
      setBusy(file.name);
      try {
        const response = await fetch("/api/uploads", { method: "POST", body: file, headers: { "X-File-Name": encodeURIComponent(file.name) } });
        const body = (await response.json().catch(() => ({}))) as Partial<FormAttachment> & { id?: string; error?: string };
        if (!response.ok || !body.id) refused.push(body.error ?? `“${file.name}”上传失败，请重试。`);
        else {
          const added = { fileId: body.id, fileName: body.fileName ?? file.name, size: body.size ?? file.size, mimeType: body.mimeType ?? "", attachmentId: null };
          onChange((current) => [...current.filter((a) => a.fileId !== added.fileId), added]);
        }
      } catch {
        refused.push(`“${file.name}”上传失败，请检查网络后重试。`);
      }
    }
    setBusy(null);
    setProblems(refused);
    if (input.current) input.current.value = "";
  }

  function move(index: number, by: -1 | 1) {
    onChange((current) => {
      const next = [...current];
      const [item] = next.splice(index, 1);
      next.splice(index + by, 0, item);
      return next;
    });
  }

  const all = [...problems, ...(errors ?? [])];
  return (
    <fieldset className="space-y-3" aria-describedby={`${inputId}-hint ${inputId}-error`}>
      <legend className="text-sm font-medium text-gray-800">附件</legend>
      {attachments.map((a) => (
        <input key={a.fileId} type="hidden" name="attachmentIds" value={a.fileId} />
      ))}
      {attachments.length === 0 ? (
        <p className="text-sm text-gray-600">暂无附件。</p>
      ) : (
        <ol className="divide-y divide-gray-100 rounded-md border border-gray-200" aria-label="附件列表">
          {attachments.map((a, i) => (
            <li key={a.fileId} className="flex flex-wrap items-center gap-2 px-3 py-2 text-sm" data-testid="attachment-row">
              <span className="me-auto break-all">
                {i + 1}.{" "}
                {a.attachmentId ? (
                  <a href={`/attachments/${a.attachmentId}`} className="text-blue-800 underline">{a.fileName}</a>
                ) : (
                  a.fileName
                )}{" "}
                <span className="text-gray-500">（{formatSize(a.size)}）</span>
              </span>
              <button type="button" className="rounded px-2 py-1 ring-1 ring-gray-300 hover:bg-gray-50 disabled:opacity-40" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`上移 ${a.fileName}`}>上移</button>
              <button type="button" className="rounded px-2 py-1 ring-1 ring-gray-300 hover:bg-gray-50 disabled:opacity-40" disabled={i === attachments.length - 1} onClick={() => move(i, 1)} aria-label={`下移 ${a.fileName}`}>下移</button>
              <button type="button" className="rounded px-2 py-1 text-red-800 ring-1 ring-gray-300 hover:bg-red-50" onClick={() => onChange((current) => current.filter((x) => x.fileId !== a.fileId))} aria-label={`移除 ${a.fileName}`}>移除</button>
            </li>
          ))}
        </ol>
      )}
      <div>
        <label htmlFor={inputId} className="inline-flex cursor-pointer items-center rounded-md bg-white px-3 py-1.5 text-sm font-medium ring-1 ring-gray-300 focus-within:ring-2 focus-within:ring-blue-700 hover:bg-gray-50">
          上传附件
          <input ref={input} id={inputId} type="file" multiple accept={accept} className="sr-only" disabled={busy !== null} onChange={(e) => upload(e.target.files)} />
        </label>
        <p id={`${inputId}-hint`} className="mt-1 text-xs text-gray-600">
          可上传 PDF、Word、Excel、WPS、OFD、图片或 ZIP，每个文件不超过 {maxMb} MB。系统按文件内容核对类型，改了扩展名的文件会被拒绝。
        </p>
      </div>
      <p role="status" className="text-sm text-gray-700">{busy ? `正在上传“${busy}”…` : ""}</p>
      <div id={`${inputId}-error`} role="alert" className="text-sm text-red-700">
        {all.map((p) => (
          <p key={p}>{p}</p>
        ))}
      </div>
    </fieldset>
  );
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
