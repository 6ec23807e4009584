"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { initialFormState, type FormState } from "@/lib/form-state";
import type { LedgerPreview } from "@/lib/server/requests/ledger-upload";
import { LedgerErrors } from "./ledger-errors";

type Kind = "requests" | "appeals";
const KINDS: [Kind, string][] = [
  ["requests", "依申请公开台账"],
  ["appeals", "行政复议、行政诉讼台账"],
];

/**
 * Upload → preview → confirm. The file goes to the preview route as the raw body; the answer lists
 * every bad row (nothing is imported while any is bad) or shows the first rows as they will be
 * imported, with the one button that imports them.
 */
export function LedgerImport({ confirmAction }: { confirmAction: (state: FormState, formData: FormData) => Promise<FormState> }) {
  const [kind, setKind] = useState<Kind>("requests");
  const [file, setFile] = useState<File | null>(null);
  const [checking, setChecking] = useState(false);
  const [preview, setPreview] = useState<LedgerPreview | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [confirm, confirmFormAction, confirming] = useActionState(confirmAction, initialFormState);

  async function check() {
    if (!file) return setMessage("请选择要导入的文件。");
    setChecking(true);
    setMessage(null);
    setPreview(null);
    try {
      const response = await fetch(`/console/requests/import/preview?kind=${kind}`, {
        method: "POST",
        headers: { "X-File-Name": encodeURIComponent(file.name), "Content-Type": "application/octet-stream" },
        body: file,
      });
      const body = await response.json().catch(() => ({ message: "服务器没有返回检查结果，请稍后重试。" }));
      if (response.ok) setPreview(body as LedgerPreview);
      else setMessage(typeof body.message === "string" ? body.message : "检查失败，请稍后重试。");
    } catch {
      setMessage("网络连接失败，文件未上传，请重试。");
    } finally {
      setChecking(false);
    }
  }

  return (
    <div className="space-y-6">
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-gray-800">导入内容</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          {KINDS.map(([value, label]) => (
            <label key={value} className="inline-flex items-center gap-1">
              <input
                type="radio"
                name="kind"
                value={value}
                checked={kind === value}
                onChange={() => {
                  setKind(value);
                  setPreview(null);
                }}
              />
              {label}
            </label>
          ))}
        </div>
        <p className="text-sm">
          下载模板：
          <a className="text-gov-red underline" href={`/console/requests/import/template?kind=${kind}&format=xlsx`} download>
            Excel 模板
          </a>
          <span aria-hidden="true"> · </span>
          <a className="text-gov-red underline" href={`/console/requests/import/template?kind=${kind}&format=csv`} download>
            CSV 模板
          </a>
        </p>
      </fieldset>

      <div className="space-y-2">
        <label htmlFor="ledger-file" className="block text-sm font-medium text-gray-800">
          台账文件（.xlsx 或 .csv，CSV 可为 UTF-8 或 GBK 编码，不超过 20 MB）
        </label>
        <input
          id="ledger-file"
          type="file"
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setPreview(null);
            setMessage(null);
          }}
          className="block text-sm"
        />
        <Button type="button" variant="secondary" onClick={check} disabled={checking}>
          {checking ? "正在检查…" : "上传并检查"}
        </Button>
      </div>

      <div aria-live="polite" className="space-y-4">
        {message && <Alert>{message}</Alert>}
        {preview && preview.errors.length > 0 && (
          <div className="space-y-3">
            <Alert>
              文件“{preview.fileName}”中有 {preview.rows} 行共 {preview.errors.length} 处错误，<strong>未导入任何数据</strong>。请改正后重新上传。
            </Alert>
            <LedgerErrors errors={preview.errors} />
          </div>
        )}
        {preview && preview.errors.length === 0 && preview.uploadId && (
          <div className="space-y-3">
            <Alert tone="info">
              文件“{preview.fileName}”（{preview.format}）检查通过，共 <strong data-testid="ledger-row-count">{preview.rows}</strong> 条记录。
              {preview.rows > preview.sample.length && `以下是前 ${preview.sample.length} 条导入后的样子。`}
              {preview.ignoredColumns.length > 0 && ` 以下列不在模板中，将被忽略：${preview.ignoredColumns.join("、")}。`}
            </Alert>
            <div className="overflow-x-auto">
              <table className="min-w-full text-left text-sm" data-testid="ledger-sample">
                <thead className="text-gray-600">
                  <tr>
                    {preview.columns.map((c) => (
                      <th key={c} className="whitespace-nowrap py-1 pr-4 font-normal">
                        {c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {preview.sample.map((row, i) => (
                    <tr key={i} className="border-t border-gray-100">
                      {row.map((cell, j) => (
                        <td key={j} className="py-1 pr-4">
                          {cell}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <form action={confirmFormAction} className="flex items-center gap-3">
              <input type="hidden" name="uploadId" value={preview.uploadId} />
              <Button type="submit" disabled={confirming}>
                {confirming ? "正在提交…" : `确认导入 ${preview.rows} 条`}
              </Button>
              {confirm.message && !confirm.ok && (
                <span role="alert" className="text-sm text-red-700">
                  {confirm.message}
                </span>
              )}
            </form>
          </div>
        )}
      </div>
    </div>
  );
}
