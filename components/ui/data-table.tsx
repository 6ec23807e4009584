/**
 * The console's plain table: a wrapper that scrolls sideways on a narrow screen, one header row of
 * column names (a falsy entry is a column left out), and the caller's rows. Cells keep their own
 * classes (`py-2 pe-4`; the last column without `pe-`).
 */
export function DataTable({ columns, children }: { columns: readonly (string | false | null | undefined)[]; children: React.ReactNode }) {
  const shown = columns.filter((c): c is string => Boolean(c));
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-gray-200 text-gray-600">
          <tr>
            {shown.map((c, i) => (
              <th key={c} scope="col" className={i < shown.length - 1 ? "py-2 pe-4" : "py-2"}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">{children}</tbody>
      </table>
    </div>
  );
}
