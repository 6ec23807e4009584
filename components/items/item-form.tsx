"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useActionState, useCallback, useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { formToRevisionFields, sameFormValues, type ItemFormValues } from "@/lib/domain/item-form";
import { AttachmentField } from "./attachment-field";
import { BasicFields, DisclosureFields, DocumentFields } from "./catalogue-fields";
import { BodyField } from "./body-field";
import { initialItemFormState, type ItemFormState } from "./item-form-state";
import { RevisionDiff } from "./revision-diff";
import { localKey, readLocal, useItemAutosave, type AutosaveEntry } from "./use-item-autosave";

export type { ItemFormValues } from "@/lib/domain/item-form";

/**
 * The liaison's item form: catalogue fields, the rich-text body and attachments. Everything typed
 * stays in the form whatever the save answers (validation errors, a lapsed session, a newer
 * version saved by a colleague), and is autosaved locally and on the server while typing.
 */
export interface ItemFormProps {
  action: (state: ItemFormState, formData: FormData) => Promise<ItemFormState>;
  autosave: (itemKey: string, entry: AutosaveEntry) => Promise<{ ok: boolean; signedOut?: boolean }>;
  discardAutosave: (itemKey: string) => Promise<void>;
  /** "new" or the item id. */
  itemKey: string;
  username: string;
  /** The revision the form was opened on (null for a new item). */
  revisionId: string | null;
  initial: ItemFormValues;
  serverAutosave: AutosaveEntry | null;
  columns: { id: string; label: string }[];
  channels: { code: string; name: string }[];
  today: string;
  uploadMaxMb: number;
  accept: string;
  submitLabel: string;
}

export function ItemForm(props: ItemFormProps) {
  const { action, itemKey, revisionId, initial, columns, channels, today, submitLabel } = props;
  const router = useRouter();
  const [state, formAction, pending] = useActionState(action, initialItemFormState);
  const [values, setValues] = useState(initial);
  const [bodyText, setBodyText] = useState("");
  const [dirty, setDirty] = useState(false);
  const [expected, setExpected] = useState(revisionId);
  const [replace, setReplace] = useState({ key: 0, html: "" });
  const [candidate, setCandidate] = useState<AutosaveEntry | null>(null);
  const [rebased, setRebased] = useState<number | null>(null);
  const [dismissedConflict, setDismissedConflict] = useState<ItemFormState | null>(null);
  const storageKey = localKey(props.username, itemKey);
  const { autosave: saveRemote, discardAutosave } = props;
  const saveToServer = useCallback((entry: AutosaveEntry) => saveRemote(itemKey, entry), [saveRemote, itemKey]);
  const autosave = useItemAutosave({ storageKey, values, baseRevisionId: expected, dirty, saveToServer });

  const update = (patch: Partial<ItemFormValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    setDirty(true);
  };

  // Offer the newest unsaved copy (this browser or the server) if it differs from what is loaded.
  const offered = useRef(false);
  const offerRestore = useCallback(
    (loadedBody: string) => {
      if (offered.current) return;
      offered.current = true;
      const local = readLocal(storageKey);
      const newest = [local, props.serverAutosave].filter((e): e is AutosaveEntry => !!e).sort((a, b) => b.savedAt - a.savedAt)[0];
      if (newest && !sameFormValues(withBody(newest.values), withBody({ ...initial, body: loadedBody }))) setCandidate(newest);
      else if (newest) autosave.clear(false);
    },
    [storageKey, props.serverAutosave, initial, autosave],
  );

  const { clear, resume } = autosave;
  useEffect(() => {
    if (state === initialItemFormState) return;
    if (!state.savedItemId) {
      resume();
      return;
    }
    clear(true);
    router.push(`/console/items/${state.savedItemId}?done=saved`);
  }, [state, clear, resume, router]);

  function restore(entry: AutosaveEntry) {
    setValues({ ...initial, ...entry.values });
    setReplace((r) => ({ key: r.key + 1, html: entry.values.body }));
    // Typed on an older revision: saving must meet the conflict check, not silently overwrite.
    if (entry.baseRevisionId && entry.baseRevisionId !== revisionId) setExpected(entry.baseRevisionId);
    setDirty(true);
    setCandidate(null);
  }

  function discard() {
    setCandidate(null);
    autosave.clear(false);
    void discardAutosave(itemKey);
  }

  const errors = state.fieldErrors ?? {};
  const conflict = state.conflict && state !== dismissedConflict ? state.conflict : null;
  return (
    <form action={formAction} onSubmit={autosave.pause} className="space-y-6" noValidate>
      <input type="hidden" name="expectedRevisionId" value={expected ?? ""} />
      {candidate && (
        <div role="status" className="flex flex-wrap items-center gap-3 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
          <span className="me-auto">发现 {new Date(candidate.savedAt).toLocaleString("zh-CN", { hour12: false })} 自动保存的未保存内容。</span>
          <Button type="button" onClick={() => restore(candidate)}>恢复未保存的内容</Button>
          <Button type="button" variant="secondary" onClick={discard}>放弃</Button>
        </div>
      )}
      {state.message && !state.ok && !(state.conflict && !conflict) && <Alert>{state.message}</Alert>}
      {state.sessionExpired && (
        <p className="text-sm">
          <a href="/console/login" target="_blank" rel="noopener" className="text-blue-800 underline">在新标签页重新登录</a>
        </p>
      )}
      {conflict && (
        <section aria-label="与最新版本比较" className="space-y-3 rounded-lg border border-red-200 bg-white p-4">
          <RevisionDiff
            before={conflict.fields}
            after={formToRevisionFields(values, bodyText, { columns, channels })}
            beforeLabel={`第 ${conflict.number} 版（${conflict.author}，${conflict.savedAt}）`}
            afterLabel="您正在编辑的内容"
          />
          <div className="flex flex-wrap items-center gap-3">
            <Link href={`/console/items/${itemKey}`} target="_blank" rel="noopener" className="text-sm text-blue-800 underline">在新标签页打开最新版本</Link>
            <Button
              type="button"
              variant="secondary"
              onClick={() => {
                setExpected(conflict.revisionId);
                setRebased(conflict.number);
                setDismissedConflict(state);
              }}
            >
              在第 {conflict.number} 版基础上继续编辑
            </Button>
          </div>
        </section>
      )}
      {rebased !== null && !conflict && (
        <Alert tone="info">您的内容将作为第 {rebased} 版之后的新版本保存，并替换第 {rebased} 版的内容；请确认无误后再保存。</Alert>
      )}
      <BasicFields values={values} set={(f, v) => update({ [f]: v })} errors={errors} columns={columns} today={today} />
      <DisclosureFields
        values={values}
        set={(f, v) => update({ [f]: v })}
        errors={errors}
        channels={channels}
        toggleChannel={(code, on) => update({ channels: on ? channels.map((c) => c.code).filter((c) => c === code || values.channels.includes(c)) : values.channels.filter((c) => c !== code) })}
      />
      <DocumentFields values={values} set={(f, v) => update({ [f]: v })} errors={errors} today={today} />
      <BodyField
        initialHtml={initial.body}
        html={values.body}
        errors={errors.body}
        replace={replace}
        onReplace={(html) => setReplace((r) => ({ key: r.key + 1, html }))}
        titleIsEmpty={values.title.trim() === ""}
        onTitle={(title) => update({ title })}
        onChange={(html, text, byUser) => {
          setValues((v) => ({ ...v, body: html }));
          setBodyText(text);
          if (byUser) setDirty(true);
          else offerRestore(html);
        }}
      />
      <AttachmentField
        attachments={values.attachments}
        onChange={(change) => {
          setValues((v) => ({ ...v, attachments: change(v.attachments) }));
          setDirty(true);
        }} maxMb={props.uploadMaxMb} accept={props.accept} errors={errors.attachmentIds} />
      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" disabled={pending}>{pending ? "正在保存…" : submitLabel}</Button>
        <AutosaveNote status={autosave.status} dirty={dirty} />
      </div>
    </form>
  );
}

/** Bodies compared as the editor would hold them, ignoring whitespace between tags. */
function withBody(v: ItemFormValues): ItemFormValues {
  return { ...v, body: v.body.replace(/>\s+</g, "><").trim() };
}

function AutosaveNote({ status, dirty }: { status: ReturnType<typeof useItemAutosave>["status"]; dirty: boolean }) {
  const text =
    status.kind === "signedOut"
      ? "登录已过期：内容已保存在本机浏览器中，请在新标签页重新登录，本页会继续自动保存。"
      : status.kind === "failed"
        ? "自动保存暂时失败，内容仍保存在本机浏览器中。"
        : status.kind === "saved"
          ? `已自动保存（${new Date(status.at).toLocaleTimeString("zh-CN", { hour12: false })}）`
          : dirty
            ? "修改将自动保存"
            : "";
  return (
    <p role="status" className={`text-sm ${status.kind === "signedOut" || status.kind === "failed" ? "text-red-700" : "text-gray-600"}`} data-testid="autosave-status">
      {text}
      {status.kind === "signedOut" && (
        <>
          {" "}
          <a href="/console/login" target="_blank" rel="noopener" className="text-blue-800 underline">重新登录</a>
        </>
      )}
    </p>
  );
}
