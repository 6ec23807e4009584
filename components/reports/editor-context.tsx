"use client";

import { createContext, useActionState, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { saveSectionsAction } from "@/app/console/(staff)/reports/actions";
import { initialFormState, type FormState } from "@/lib/form-state";
import type { ReportFormatKey } from "@/lib/domain/reports/formats";
import type { ReportCheck, ReportOverride, Table2Value } from "@/lib/domain/reports/shape";
import type { ReportTables } from "@/lib/domain/reports/cells";

/**
 * What the pieces of the report page share: the year and the revision every write names, whether
 * the office may edit, the findings by cell (to mark cells), the overrides, the cell chosen for
 * 修改, and which narrative sections hold unsaved text (so 预览 can say it shows the saved copy).
 */
export interface ReportEditorData {
  year: number;
  revision: number;
  format: ReportFormatKey;
  canEdit: boolean;
  tables: ReportTables;
  computed: ReportTables;
  checks: ReportCheck[];
  overrides: ReportOverride[];
}

interface ReportEditorContext extends ReportEditorData {
  findingsByCell: Map<string, ReportCheck[]>;
  overrideByCell: Map<string, ReportOverride>;
  selected: string | null;
  select: (cell: string | null) => void;
  dirty: ReadonlySet<string>;
  setDirty: (key: string, dirty: boolean) => void;
  /** The narrative's one form (保存): the editors' fields join it with form={SECTIONS_FORM_ID}. */
  sections: { state: FormState; action: (formData: FormData) => void; pending: boolean };
}

export const SECTIONS_FORM_ID = "report-sections-form";

const Context = createContext<ReportEditorContext | null>(null);

export function ReportEditorProvider({ data, children }: { data: ReportEditorData; children: ReactNode }) {
  const [selected, select] = useState<string | null>(null);
  const [dirty, setDirtySet] = useState<ReadonlySet<string>>(new Set());
  const setDirty = useCallback((key: string, value: boolean) => {
    setDirtySet((prev) => {
      if (prev.has(key) === value) return prev;
      const next = new Set(prev);
      if (value) next.add(key);
      else next.delete(key);
      return next;
    });
  }, []);
  const [state, action, pending] = useActionState(async (prev: FormState, formData: FormData) => {
    const next = await saveSectionsAction(prev, formData);
    if (next.ok) setDirtySet(new Set());
    return next;
  }, initialFormState);
  const value = useMemo(() => {
    const findingsByCell = new Map<string, ReportCheck[]>();
    for (const c of data.checks) for (const cell of c.cells) findingsByCell.set(cell, [...(findingsByCell.get(cell) ?? []), c]);
    const overrideByCell = new Map(data.overrides.map((o) => [o.cell, o]));
    return { ...data, findingsByCell, overrideByCell, selected, select, dirty, setDirty, sections: { state, action, pending } };
  }, [data, selected, dirty, setDirty, state, action, pending]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useReportEditor(): ReportEditorContext {
  const value = useContext(Context);
  if (!value) throw new Error("useReportEditor outside ReportEditorProvider");
  return value;
}

/** The hidden fields every write carries: the year and the revision the page was read at. */
export function RevisionFields() {
  const { year, revision } = useReportEditor();
  return (
    <>
      <input type="hidden" name="year" value={year} />
      <input type="hidden" name="revision" value={revision} />
    </>
  );
}

/** A DOM id for a finding, so cells can point at its message (aria-describedby). */
export function checkDomId(id: string): string {
  return `check-${id.replace(/[^A-Za-z0-9_-]/g, "_")}`;
}

export function formatValue(value: Table2Value | undefined | null): string {
  return value === undefined || value === null ? "—" : String(value);
}
