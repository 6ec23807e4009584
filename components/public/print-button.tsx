"use client";

/** Opens the browser's print dialog; the print stylesheet leaves only the document. */
export function PrintButton() {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="rounded border border-gray-400 px-3 py-1.5 text-sm text-gray-800 hover:border-gov-red hover:text-gov-red print:hidden"
    >
      打印本页
    </button>
  );
}
