import type { RevisionFields } from "@/lib/domain/revision-view";

/** What the item form's save action answers (see app/console/(staff)/items/actions.ts). */
export interface ItemFormState {
  ok?: boolean;
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  /** Saved: the form clears its local copy, then opens the item. */
  savedItemId?: string;
  /** The session ended: nothing was saved, the typed values stay in the form and in this browser. */
  sessionExpired?: boolean;
  /** Someone saved a newer revision first: it is shown next to what this person typed. */
  conflict?: SaveConflict;
}

export interface SaveConflict {
  revisionId: string;
  number: number;
  author: string;
  savedAt: string;
  fields: RevisionFields;
}

export const initialItemFormState: ItemFormState = {};
