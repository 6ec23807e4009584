"use client";

import Link from "next/link";
import { useActionState } from "react";
import { sendForReviewAction, startCorrectionAction } from "@/app/console/(staff)/reports/actions";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { blockingChecks } from "@/lib/domain/reports/checks";
import type { ReportState } from "@/lib/server/reports/store";
import { initialFormState } from "@/lib/form-state";
import { RevisionFields, useReportEditor } from "./editor-context";

/**
 * 送审 and 发布更正版. 送审 is disabled, with the reason beside it, while an error is neither fixed
 * nor accepted; the server refuses it too (sendForReview), this only saves a useless click.
 */
export function SendForReviewForm({ state }: { state: ReportState }) {
  const { checks, canEdit, dirty } = useReportEditor();
  const [result, action, pending] = useActionState(sendForReviewAction, initialFormState);
  const message = <div aria-live="polite">{result.message && <Alert tone={result.ok ? "success" : "error"}>{result.message}</Alert>}</div>;
  // Once sent the page is locked; the answer stays where the button was.
  if (!canEdit || (state !== "draft" && state !== "correcting")) return result.message ? message : null;
  const blocking = blockingChecks(checks);
  const reason = blocking.length
    ? `尚有 ${blocking.length} 项错误未修正或说明，不能送审。`
    : dirty.size
      ? "文字部分有未保存的修改，请先保存。"
      : null;
  return (
    <form action={action} className="space-y-2">
      <RevisionFields />
      <Button type="submit" disabled={pending || !!reason} aria-describedby="send-review-reason">
        {pending ? "正在送审…" : "送审"}
      </Button>
      <p id="send-review-reason" aria-live="polite" className="text-sm text-gray-700">
        {reason ?? "送审后报告作为“年度报告”栏目的公开信息，依次经处室负责人、分管领导、保密审查，由公开办发布。"}
      </p>
      {message}
    </form>
  );
}

export function CorrectionForm({ state }: { state: ReportState }) {
  const [result, action, pending] = useActionState(startCorrectionAction, initialFormState);
  if (state !== "published") return result.ok ? <Alert tone="success">{result.message}</Alert> : null;
  return (
    <form action={action} className="space-y-2" noValidate>
      <RevisionFields />
      <Field id="correction-note" label="更正说明" required errors={result.fieldErrors?.note} hint="说明更正的内容和原因，将与更正版一同公开">
        {(props) => <textarea {...props} name="note" rows={2} maxLength={500} defaultValue={result.values?.note ?? ""} key={result.values?.note ?? ""} />}
      </Field>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "正在处理…" : "发布更正版"}
      </Button>
      <div aria-live="polite">{result.message && <Alert tone={result.ok ? "success" : "error"}>{result.message}</Alert>}</div>
    </form>
  );
}

/** 预览 shows the saved report exactly as it will be published; it says so when text is unsaved. */
export function PreviewLink({ year }: { year: number }) {
  const { dirty } = useReportEditor();
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Link href={`/console/reports/${year}/preview`} target="_blank" className={buttonClass("secondary")}>
        预览
      </Link>
      {dirty.size > 0 && <span className="text-xs text-amber-800">预览显示已保存的内容</span>}
    </span>
  );
}
