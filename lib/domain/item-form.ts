import type { RevisionFields } from "./revision-view";

/**
 * The liaison's form as the browser holds it: strings as typed, lists as arrays. Shared by the
 * server (which fills it from a revision or an autosave) and the client form; client-safe.
 */
export interface FormAttachment {
  /** StoredFile id: what a save sends. */
  fileId: string;
  fileName: string;
  size: number;
  mimeType: string;
  /** The Attachment row on the revision the form was opened on, for a download link; null for a fresh upload. */
  attachmentId: string | null;
}

export interface ItemFormValues {
  title: string;
  documentNumber: string;
  publisher: string;
  summary: string;
  columnId: string;
  topic: string;
  keywords: string;
  attribute: string;
  attributeReason: string;
  article20Item: string;
  documentType: string;
  signedOn: string;
  effectiveOn: string;
  repealedOn: string;
  validity: string;
  formedOn: string;
  channels: string[];
  /** HTML from the editor. */
  body: string;
  attachments: FormAttachment[];
}

export const TEXT_FIELDS = [
  "title", "documentNumber", "publisher", "summary", "columnId", "topic", "keywords", "attribute", "attributeReason",
  "article20Item", "documentType", "signedOn", "effectiveOn", "repealedOn", "validity", "formedOn", "body",
] as const satisfies readonly (keyof ItemFormValues)[];

export function blankFormValues(defaults: { publisher: string; formedOn: string; channels: string[] }): ItemFormValues {
  return {
    title: "", documentNumber: "", publisher: defaults.publisher, summary: "", columnId: "", topic: "", keywords: "",
    attribute: "PROACTIVE", attributeReason: "", article20Item: "", documentType: "OTHER", signedOn: "", effectiveOn: "",
    repealedOn: "", validity: "", formedOn: defaults.formedOn, channels: defaults.channels, body: "", attachments: [],
  };
}

/** Equal as far as a save is concerned (used to decide whether an autosave holds unsaved work). */
export function sameFormValues(a: ItemFormValues, b: ItemFormValues): boolean {
  return (
    TEXT_FIELDS.every((k) => a[k].trim() === b[k].trim()) &&
    a.channels.join() === b.channels.join() &&
    a.attachments.map((x) => x.fileId).join() === b.attachments.map((x) => x.fileId).join()
  );
}

/** What the form holds, as the reviewer's view of a revision (for the conflict comparison). */
export function formToRevisionFields(
  v: ItemFormValues,
  bodyText: string,
  lookups: { columns: readonly { id: string; label: string }[]; channels: readonly { code: string; name: string }[] },
): RevisionFields {
  const orNull = (s: string) => (s.trim() === "" ? null : s.trim());
  return {
    title: v.title.trim(),
    documentNumber: orNull(v.documentNumber),
    publisher: v.publisher.trim(),
    summary: orNull(v.summary),
    column: lookups.columns.find((c) => c.id === v.columnId)?.label ?? "",
    topic: orNull(v.topic),
    keywords: v.keywords.split(/[,，、;；\s]+/).filter(Boolean),
    attribute: v.attribute,
    attributeReason: v.attribute === "ON_REQUEST" || v.attribute === "WITHHELD" ? orNull(v.attributeReason) : null,
    article20Item: v.article20Item ? Number(v.article20Item) : null,
    documentType: v.documentType,
    signedOn: orNull(v.signedOn),
    effectiveOn: orNull(v.effectiveOn),
    repealedOn: orNull(v.repealedOn),
    validity: orNull(v.validity),
    formedOn: v.formedOn,
    channels: v.channels.map((code) => lookups.channels.find((c) => c.code === code)?.name ?? code),
    bodyText,
    attachments: v.attachments.map((a) => a.fileName),
  };
}
