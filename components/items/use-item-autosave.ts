"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { ItemFormValues } from "@/lib/domain/item-form";

/**
 * 自动保存 of the item form: into this browser's localStorage within a second of each change, and
 * to the server (EditorAutosave) every five seconds while there are changes. The local copy is
 * what survives a lapsed session or a closed tab; the server copy follows the person to another
 * computer. Both are cleared by a successful save or by 放弃.
 */
export interface AutosaveEntry {
  values: ItemFormValues;
  baseRevisionId: string | null;
  savedAt: number;
}

export type AutosaveStatus = { kind: "idle" } | { kind: "saved"; at: number } | { kind: "signedOut" } | { kind: "failed" };

const SERVER_EVERY_MS = 5000;
const LOCAL_AFTER_MS = 800;
/** A forgotten local copy is not kept forever on a shared computer. */
const LOCAL_MAX_AGE_MS = 14 * 86_400_000;

export function localKey(username: string, itemKey: string) {
  return `gongkai:item-autosave:${username}:${itemKey}`;
}

export function readLocal(key: string): AutosaveEntry | null {
  try {
    const raw = window.localStorage.getItem(key);
    const entry = raw ? (JSON.parse(raw) as AutosaveEntry) : null;
    if (!entry || typeof entry.savedAt !== "number" || !entry.values || Date.now() - entry.savedAt > LOCAL_MAX_AGE_MS) return null;
    return entry;
  } catch {
    return null;
  }
}

export function useItemAutosave({
  storageKey,
  values,
  baseRevisionId,
  dirty,
  saveToServer,
}: {
  storageKey: string;
  values: ItemFormValues;
  baseRevisionId: string | null;
  /** False until the person changes something: opening a form saves nothing. */
  dirty: boolean;
  saveToServer: (entry: AutosaveEntry) => Promise<{ ok: boolean; signedOut?: boolean }>;
}) {
  const [status, setStatus] = useState<AutosaveStatus>({ kind: "idle" });
  const latest = useRef<AutosaveEntry | null>(null);
  const sentAt = useRef(0);
  const stopped = useRef(false);

  useEffect(() => {
    if (!dirty || stopped.current) return;
    const entry = { values, baseRevisionId, savedAt: Date.now() };
    latest.current = entry;
    const timer = window.setTimeout(() => {
      if (stopped.current) return;
      try {
        window.localStorage.setItem(storageKey, JSON.stringify(entry));
      } catch {
        // Storage full or disabled: the server copy still runs.
      }
    }, LOCAL_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [dirty, values, baseRevisionId, storageKey]);

  useEffect(() => {
    const timer = window.setInterval(async () => {
      const entry = latest.current;
      if (!entry || stopped.current || entry.savedAt <= sentAt.current) return;
      sentAt.current = entry.savedAt;
      try {
        const result = await saveToServer(entry);
        setStatus(result.ok ? { kind: "saved", at: entry.savedAt } : result.signedOut ? { kind: "signedOut" } : { kind: "failed" });
        // Not sent after all: try again on the next tick (e.g. after signing in again in another tab).
        if (!result.ok) sentAt.current = 0;
      } catch {
        sentAt.current = 0;
        setStatus({ kind: "failed" });
      }
    }, SERVER_EVERY_MS);
    return () => window.clearInterval(timer);
  }, [saveToServer]);

  /** After a successful save or 放弃: forget both copies and stop saving. */
  const clear = useCallback(
    (stop: boolean) => {
      stopped.current = stop;
      latest.current = null;
      try {
        window.localStorage.removeItem(storageKey);
      } catch {
        // nothing to remove
      }
    },
    [storageKey],
  );

  /** While a save is on its way: an autosave landing after it would resurrect what it cleared. */
  const pause = useCallback(() => {
    stopped.current = true;
  }, []);
  const resume = useCallback(() => {
    stopped.current = false;
  }, []);

  return { status, clear, pause, resume };
}
