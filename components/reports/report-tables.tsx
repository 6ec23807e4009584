"use client";

import { useActionState } from "react";
import { clearOverrideAction, setOverrideAction } from "@/app/console/(staff)/reports/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { cellLabel, readCell } from "@/lib/domain/reports/cells";
import { enteredRows } from "@/lib/domain/reports/figures";
import { FORMATS, TABLE2_LABEL_HEAD, TABLE3_COLUMNS, TABLE3_HEADER, TABLE4, type Table2Block, type Table3Row } from "@/lib/domain/reports/formats";
import { initialFormState } from "@/lib/form-state";
import { checkDomId, formatValue, RevisionFields, useReportEditor } from "./editor-context";

/**
 * Tables 二, 三 and 四 as the format lays them out (walked from formats.ts, no row named here).
 * Each cell shows its final value; a cell named by an open finding is red (error) or amber
 * (warning) and points at the finding's message; an overridden cell shows the computed value.
 * The office picks a cell to override it, with a reason, under the table.
 */

const TH = "border border-gray-300 bg-gray-50 px-2 py-1 text-center font-medium";
const TABLE = "w-full border-collapse text-sm";

function Cell({ path }: { path: string }) {
  const { tables, computed, findingsByCell, overrideByCell, canEdit, selected, select, format } = useReportEditor();
  const value = formatValue(readCell(tables, path));
  const findings = findingsByCell.get(path) ?? [];
  const open = findings.filter((f) => !f.overridden);
  const mark = open.some((f) => f.severity === "error") ? "error" : open.some((f) => f.severity === "warning") ? "warning" : findings.length ? "noted" : null;
  const override = overrideByCell.get(path);
  const describedBy = findings.map((f) => checkDomId(f.id)).join(" ") || undefined;
  const title = [
    ...findings.map((f) => `${f.severity === "error" ? "错误" : "提示"}${f.overridden ? "（已说明）" : ""}：${f.message}`),
    override ? `已修改：计算值 ${formatValue(readCell(computed, path))}，理由：${override.reason}` : null,
  ]
    .filter(Boolean)
    .join("\n");
  const tone = {
    error: "bg-red-50 text-red-900 ring-2 ring-inset ring-red-600",
    warning: "bg-amber-50 text-amber-900 ring-2 ring-inset ring-amber-500",
    noted: "bg-gray-50 ring-1 ring-inset ring-gray-400",
  };
  const label = cellLabel(FORMATS[format], path);
  // Entered figures are typed in the 年度数据 form, never overridden (the store refuses it too).
  const entered = enteredRows(FORMATS[format]).some(({ row }) => path.startsWith(`table2.${row.key}.`));
  return (
    <td
      data-cell={path}
      data-check={mark ?? undefined}
      data-overridden={override ? "true" : undefined}
      title={title || undefined}
      className={`border border-gray-300 px-1 py-1 text-center tabular-nums ${mark ? tone[mark] : ""} ${selected === path ? "outline outline-2 outline-blue-700" : ""}`}
    >
      {canEdit && !entered ? (
        <button
          type="button"
          onClick={() => select(selected === path ? null : path)}
          aria-label={`${label}：${value}${override ? "（已修改）" : ""}`}
          aria-describedby={describedBy}
          aria-expanded={selected === path}
          className="w-full rounded px-1 hover:bg-blue-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-700"
        >
          {value}
          {override && <span aria-hidden="true">*</span>}
        </button>
      ) : (
        <span aria-describedby={describedBy}>
          {value}
          {override && <span aria-hidden="true">*</span>}
        </span>
      )}
      {override && <span className="block text-xs text-gray-600">计算 {formatValue(readCell(computed, path))}</span>}
    </td>
  );
}

/** 修改单元格: the value and its reason, both required; 恢复计算值 drops an override. */
function OverrideForm({ path }: { path: string }) {
  const { tables, computed, overrideByCell, select, format } = useReportEditor();
  const [state, action, pending] = useActionState(setOverrideAction, initialFormState);
  const [cleared, clearAction, clearing] = useActionState(clearOverrideAction, initialFormState);
  const override = overrideByCell.get(path);
  const label = cellLabel(FORMATS[format], path);
  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};
  return (
    <div className="mt-3 space-y-3 rounded-md border border-blue-200 bg-blue-50/40 p-3" data-testid="override-form">
      <p className="text-sm">
        <span className="font-medium">修改单元格：</span>
        {label}
        <span className="ms-2 text-gray-700">
          当前 {formatValue(readCell(tables, path))}，计算值 {formatValue(readCell(computed, path))}
        </span>
      </p>
      {override && (
        <p className="text-sm text-gray-700">
          已修改，理由：{override.reason}（{override.by}）
        </p>
      )}
      <form action={action} className="grid gap-3 md:grid-cols-[10rem_1fr_auto] md:items-start" noValidate>
        <RevisionFields />
        <input type="hidden" name="cell" value={path} />
        <Field id="override-value" label="修改为" required errors={e.value}>
          {(props) => <input {...props} name="value" inputMode="decimal" autoFocus defaultValue={v.value ?? formatValue(readCell(tables, path))} key={`v-${v.value}`} />}
        </Field>
        <Field id="override-reason" label="修改理由" required errors={e.reason} hint="说明记录无法反映的原因，将记入审计日志并印在报告附注中">
          {(props) => <textarea {...props} name="reason" rows={2} maxLength={500} defaultValue={v.reason ?? ""} key={`r-${v.reason}`} />}
        </Field>
        <div className="flex gap-2 md:pt-6">
          <Button type="submit" disabled={pending}>
            {pending ? "正在保存…" : "保存修改"}
          </Button>
          <Button type="button" variant="secondary" onClick={() => select(null)}>
            关闭
          </Button>
        </div>
      </form>
      {override && (
        <form action={clearAction}>
          <RevisionFields />
          <input type="hidden" name="cell" value={path} />
          <Button type="submit" variant="ghost" disabled={clearing}>
            {clearing ? "正在恢复…" : "恢复计算值"}
          </Button>
        </form>
      )}
      <div aria-live="polite">
        {state.message && <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>}
        {cleared.message && <Alert tone={cleared.ok ? "success" : "error"}>{cleared.message}</Alert>}
        {e.cell && <Alert>{e.cell.join("；")}</Alert>}
      </div>
    </div>
  );
}

function OverrideSlot({ table }: { table: string }) {
  const { selected, canEdit } = useReportEditor();
  if (!canEdit || !selected?.startsWith(`${table}.`)) return null;
  return <OverrideForm key={selected} path={selected} />;
}

export function Table2View() {
  const format = FORMATS[useReportEditor().format];
  return (
    <div className="space-y-4" data-testid="table2">
      {format.table2.blocks.map((block) => (
        <div key={block.title} className="overflow-x-auto">
          <table className={TABLE}>
            <Table2BlockHead block={block} headerClass={TH} />
            <tbody>
              {block.rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row" className="border border-gray-300 px-2 py-1 text-start font-normal">{row.label}</th>
                  {block.columns.map((c) => (
                    <Cell key={c.key} path={`table2.${row.key}.${c.key}`} />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      <OverrideSlot table="table2" />
    </div>
  );
}

/** The label cells of a table-三 row: equal leading labels merge down, the last one widens. */
export function labelCells(rows: Table3Row[], i: number, depth: number) {
  const labels = rows[i].labels;
  const samePrefix = (a: string[], b: string[], n: number) => a.length > n && b.length > n && a.slice(0, n + 1).every((l, k) => l === b[k]);
  const cells: { text: string; rowSpan: number; colSpan: number }[] = [];
  labels.forEach((text, d) => {
    const last = d === labels.length - 1;
    if (!last && i > 0 && samePrefix(rows[i - 1].labels, labels, d) && rows[i - 1].labels.length - 1 > d) return;
    let rowSpan = 1;
    if (!last) while (i + rowSpan < rows.length && samePrefix(rows[i + rowSpan].labels, labels, d) && rows[i + rowSpan].labels.length - 1 > d) rowSpan++;
    cells.push({ text, rowSpan, colSpan: last ? depth - d : 1 });
  });
  return cells;
}

/** A table-二 block's head: its 第二十条 title over the block, then 信息内容 and the block's columns. */
export function Table2BlockHead({ block, headerClass }: { block: Table2Block; headerClass: string }) {
  return (
    <thead>
      <tr>
        <th colSpan={block.columns.length + 1} scope="colgroup" className={headerClass}>
          {block.title}
        </th>
      </tr>
      <tr>
        <th scope="col" className={headerClass}>{TABLE2_LABEL_HEAD}</th>
        {block.columns.map((c) => (
          <th key={c.key} scope="col" className={headerClass}>{c.label}</th>
        ))}
      </tr>
    </thead>
  );
}

/** Table 三's head as the format prints it: the 勾稽 note in the corner, 申请人情况 over its seven columns. */
export function Table3Head({ labelDepth, note, headerClass }: { labelDepth: number; note: string; headerClass: string }) {
  const orgs = TABLE3_HEADER.organisationTypes;
  return (
    <thead>
      <tr>
        <td colSpan={labelDepth} rowSpan={3} className="border border-gray-300 px-2 py-1 text-xs text-gray-600">
          {note}
        </td>
        <th colSpan={TABLE3_COLUMNS.length} scope="colgroup" className={headerClass}>{TABLE3_HEADER.applicant}</th>
      </tr>
      <tr>
        <th rowSpan={2} scope="col" className={headerClass}>{TABLE3_HEADER.naturalPerson}</th>
        <th colSpan={orgs.length} scope="colgroup" className={headerClass}>{TABLE3_HEADER.organisations}</th>
        <th rowSpan={2} scope="col" className={headerClass}>{TABLE3_HEADER.total}</th>
      </tr>
      <tr>
        {orgs.map((o) => (
          <th key={o.key} scope="col" className={headerClass}>{o.label}</th>
        ))}
      </tr>
    </thead>
  );
}

export function Table3View() {
  const format = FORMATS[useReportEditor().format];
  const { rows, labelDepth, note } = format.table3;
  return (
    <div data-testid="table3">
      <div className="overflow-x-auto" role="region" aria-label="表三（可左右滚动）" tabIndex={0}>
        <table className={TABLE}>
          <Table3Head labelDepth={labelDepth} note={note} headerClass={TH} />
          <tbody>
            {rows.map((row, i) => (
              <tr key={row.key}>
                {labelCells(rows, i, labelDepth).map((c) => (
                  <th key={c.text} scope="row" rowSpan={c.rowSpan} colSpan={c.colSpan} className="border border-gray-300 px-2 py-1 text-start font-normal">
                    {c.text}
                  </th>
                ))}
                {TABLE3_COLUMNS.map((col) => (
                  <Cell key={col} path={`table3.${row.key}.${col}`} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <OverrideSlot table="table3" />
    </div>
  );
}

export function Table4View() {
  const groups = [...new Set(TABLE4.blocks.map((b) => b.group))].map((group) => ({ group, blocks: TABLE4.blocks.filter((b) => b.group === group) }));
  const width = TABLE4.columns.length;
  return (
    <div data-testid="table4">
      <div className="overflow-x-auto" role="region" aria-label="表四（可左右滚动）" tabIndex={0}>
        <table className={TABLE}>
          <thead>
            <tr>
              {groups.map((g) => (
                <th key={g.group} colSpan={g.blocks.length * width} rowSpan={g.blocks.length === 1 && g.blocks[0].label === g.group ? 2 : 1} scope="colgroup" className={TH}>
                  {g.group}
                </th>
              ))}
            </tr>
            <tr>
              {groups
                .filter((g) => !(g.blocks.length === 1 && g.blocks[0].label === g.group))
                .flatMap((g) => g.blocks)
                .map((b) => (
                  <th key={b.key} colSpan={width} scope="colgroup" className={TH}>{b.label}</th>
                ))}
            </tr>
            <tr>
              {TABLE4.blocks.flatMap((b) =>
                TABLE4.columns.map((c) => (
                  <th key={`${b.key}.${c.key}`} scope="col" className={TH}>{c.label}</th>
                )),
              )}
            </tr>
          </thead>
          <tbody>
            <tr>
              {TABLE4.blocks.flatMap((b) => TABLE4.columns.map((c) => <Cell key={`${b.key}.${c.key}`} path={`table4.${b.key}.${c.key}`} />))}
            </tr>
          </tbody>
        </table>
      </div>
      <OverrideSlot table="table4" />
    </div>
  );
}
