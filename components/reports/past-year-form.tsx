"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cellLabel, describeCell } from "@/lib/domain/reports/cells";
import { FORMATS, TABLE3_COLUMNS, TABLE4, type ReportFormat, type ReportFormatKey, type ReportSection } from "@/lib/domain/reports/formats";
import { initialFormState, type FormState } from "@/lib/form-state";
import { labelCells, Table2BlockHead, Table3Head } from "./report-tables";

/**
 * 按表录入往年报告: the year's format laid out as its printed tables (walked from formats.ts, no
 * row named here), one input per cell named by its path ("table3.granted.commercial"), and the
 * three text sections as plain text. Blank cells are 0. A refusal marks each bad cell and keeps
 * everything typed.
 */

type Values = Record<string, string>;
type Errors = Record<string, string[] | undefined>;

const TH = "border border-gray-300 bg-gray-50 px-2 py-1 text-center text-xs font-medium";
const TABLE = "border-collapse text-sm";

const domId = (path: string) => `past-${path.replaceAll(".", "-")}`;

function CellInput({ format, path, values, errors }: { format: ReportFormat; path: string; values: Values; errors: Errors }) {
  const id = domId(path);
  const err = errors[path];
  const kind = describeCell(format, path)?.kind;
  return (
    <td className="border border-gray-300 p-1 align-top">
      <input
        id={id}
        name={path}
        aria-label={cellLabel(format, path)}
        inputMode={kind === "decimal" ? "decimal" : kind === "change" ? "text" : "numeric"}
        placeholder="0"
        autoComplete="off"
        defaultValue={values[path] ?? ""}
        key={values[path] ?? ""}
        aria-invalid={err?.length ? true : undefined}
        aria-describedby={err?.length ? `${id}-error` : undefined}
        className={`w-16 rounded border px-1 py-0.5 text-center tabular-nums ${err?.length ? "border-red-600 bg-red-50" : "border-gray-300"}`}
      />
      {err?.length ? (
        <p id={`${id}-error`} className="mt-0.5 max-w-24 text-xs text-red-700">
          {err.join("；")}
        </p>
      ) : null}
    </td>
  );
}

type Props = { format: ReportFormat; values: Values; errors: Errors };

function Table2Inputs({ format, values, errors }: Props) {
  return (
    <div className="space-y-4">
      {format.table2.blocks.map((block) => (
        <div key={block.title} className="overflow-x-auto">
          <table className={TABLE}>
            <Table2BlockHead block={block} headerClass={TH} />
            <tbody>
              {block.rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row" className="border border-gray-300 px-2 py-1 text-start font-normal">{row.label}</th>
                  {block.columns.map((c) => (
                    <CellInput key={c.key} format={format} path={`table2.${row.key}.${c.key}`} values={values} errors={errors} />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      <p className="text-xs text-gray-600">“本年增/减”减少时写负数（如 -3）；金额只写数字，可带小数（如 12.5）。</p>
    </div>
  );
}

function Table3Inputs({ format, values, errors }: Props) {
  const { rows, labelDepth, note } = format.table3;
  return (
    <div className="overflow-x-auto" role="region" aria-label="表三（可左右滚动）" tabIndex={0}>
      <table className={TABLE}>
        <Table3Head labelDepth={labelDepth} note={note} headerClass={TH} />
        <tbody>
          {rows.map((row, i) => (
            <tr key={row.key}>
              {labelCells(rows, i, labelDepth).map((c) => (
                <th key={c.text} scope="row" rowSpan={c.rowSpan} colSpan={c.colSpan} className="border border-gray-300 px-2 py-1 text-start text-xs font-normal">{c.text}</th>
              ))}
              {TABLE3_COLUMNS.map((col) => (
                <CellInput key={col} format={format} path={`table3.${row.key}.${col}`} values={values} errors={errors} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Table4Inputs({ format, values, errors }: Props) {
  const groups = [...new Set(TABLE4.blocks.map((b) => b.group))].map((group) => ({ group, blocks: TABLE4.blocks.filter((b) => b.group === group) }));
  const width = TABLE4.columns.length;
  const single = (g: (typeof groups)[number]) => g.blocks.length === 1 && g.blocks[0].label === g.group;
  return (
    <div className="overflow-x-auto" role="region" aria-label="表四（可左右滚动）" tabIndex={0}>
      <table className={TABLE}>
        <thead>
          <tr>
            {groups.map((g) => (
              <th key={g.group} colSpan={g.blocks.length * width} rowSpan={single(g) ? 2 : 1} scope="colgroup" className={TH}>{g.group}</th>
            ))}
          </tr>
          <tr>
            {groups.filter((g) => !single(g)).flatMap((g) => g.blocks).map((b) => (
              <th key={b.key} colSpan={width} scope="colgroup" className={TH}>{b.label}</th>
            ))}
          </tr>
          <tr>
            {TABLE4.blocks.flatMap((b) => TABLE4.columns.map((c) => <th key={`${b.key}.${c.key}`} scope="col" className={TH}>{c.label}</th>))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {TABLE4.blocks.flatMap((b) =>
              TABLE4.columns.map((c) => <CellInput key={`${b.key}.${c.key}`} format={format} path={`table4.${b.key}.${c.key}`} values={values} errors={errors} />),
            )}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function SectionText({ section, sectionKey, values, errors }: { section: ReportSection; sectionKey: string; values: Values; errors: Errors }) {
  const name = `sections.${sectionKey}`;
  const id = domId(name);
  const err = errors[name];
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-lg font-semibold">{section.title}</label>
      <textarea
        id={id}
        name={name}
        rows={6}
        defaultValue={values[name] ?? ""}
        key={values[name] ?? ""}
        aria-invalid={err?.length ? true : undefined}
        aria-describedby={`${id}-hint${err?.length ? ` ${id}-error` : ""}`}
        className={`block w-full rounded-md border px-3 py-2 text-base ${err?.length ? "border-red-600" : "border-gray-300"}`}
      />
      <p id={`${id}-hint`} className="text-xs text-gray-600">照报告原文粘贴纯文本，每行作为一段。</p>
      <p id={`${id}-error`} aria-live="polite" className="text-sm text-red-700">{err?.join("；")}</p>
    </div>
  );
}

export function PastYearForm({ year, formatKey, action }: { year: number; formatKey: ReportFormatKey; action: (state: FormState, formData: FormData) => Promise<FormState> }) {
  const format = FORMATS[formatKey];
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const values = state.values ?? {};
  const errors = state.fieldErrors ?? {};
  const bad = Object.entries(errors).filter(([path, messages]) => messages?.length && describeCell(format, path));
  const props = { format, values, errors };

  function body(section: ReportSection) {
    const c = section.content;
    if (c.kind === "text") return <SectionText section={section} sectionKey={c.key} values={values} errors={errors} />;
    return (
      <section aria-labelledby={`past-${c.kind}-label`} className="space-y-3">
        <h2 id={`past-${c.kind}-label`} className="text-lg font-semibold">{section.title}</h2>
        {c.kind === "table2" && <Table2Inputs {...props} />}
        {c.kind === "table3" && <Table3Inputs {...props} />}
        {c.kind === "table4" && <Table4Inputs {...props} />}
      </section>
    );
  }

  return (
    <form action={formAction} noValidate className="space-y-8 rounded-lg border border-gray-200 bg-white px-5 py-5 shadow-sm" data-testid="past-year-form">
      <input type="hidden" name="year" value={year} />
      <Alert tone="info">
        空白单元格按 0 计。提交后系统按本表行列核对{format.table3.note}，不一致之处在报告页标出；导入的数字照原样保存，不作更改。
      </Alert>
      {format.sections.map((s) => (
        <div key={s.title}>{body(s)}</div>
      ))}
      <div aria-live="polite" className="space-y-2">
        {state.message && <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>}
        {bad.length > 0 && (
          <ul className="list-disc space-y-1 ps-6 text-sm text-red-800" data-testid="past-year-problems">
            {bad.map(([path, messages]) => (
              <li key={path}>
                <a href={`#${domId(path)}`} className="underline">{cellLabel(format, path)}</a>：{messages!.join("；")}
              </li>
            ))}
          </ul>
        )}
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "正在导入…" : `导入为 ${year} 年已公布的报告`}
      </Button>
    </form>
  );
}
