import type { LedgerError } from "@/lib/domain/requests/ledger-parse";

/** Every bad row, by the row number the spreadsheet shows and the column's header. */
export function LedgerErrors({ errors }: { errors: LedgerError[] }) {
  return (
    <table className="min-w-full text-left text-sm" data-testid="ledger-errors">
      <thead className="text-gray-600">
        <tr>
          <th className="py-1 pr-4 font-normal">行号</th>
          <th className="py-1 pr-4 font-normal">列</th>
          <th className="py-1 font-normal">问题</th>
        </tr>
      </thead>
      <tbody>
        {errors.map((e, i) => (
          <tr key={i} className="border-t border-gray-100">
            <td className="py-1 pr-4 tabular-nums">第 {e.row} 行</td>
            <td className="py-1 pr-4">{e.column || "—"}</td>
            <td className="py-1">{e.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
