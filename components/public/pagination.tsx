import Link from "next/link";

/** Numbered pages around the current one, with first/last; every link a stable URL. */
export function Pagination({ page, pageCount, href, label = "分页" }: { page: number; pageCount: number; href: (page: number) => string; label?: string }) {
  if (pageCount <= 1) return null;
  const from = Math.max(1, Math.min(page - 2, pageCount - 4));
  const pages = Array.from({ length: Math.min(5, pageCount) }, (_, i) => from + i);
  const cls = "inline-block min-w-10 rounded border border-gray-300 px-3 py-1.5 text-center hover:border-gov-red hover:text-gov-red";
  return (
    <nav aria-label={label} className="mt-6 flex flex-wrap items-center gap-2 text-sm">
      {page > 1 && (
        <Link href={href(page - 1)} className={cls} rel="prev">
          上一页
        </Link>
      )}
      {from > 1 && (
        <Link href={href(1)} className={cls} aria-label="第 1 页">
          1
        </Link>
      )}
      {from > 2 && <span aria-hidden="true">…</span>}
      {pages.map((p) =>
        p === page ? (
          <span key={p} aria-current="page" className={`${cls} border-gov-red bg-gov-red text-white hover:text-white`}>
            <span className="sr-only">第 </span>
            {p}
            <span className="sr-only"> 页（当前）</span>
          </span>
        ) : (
          <Link key={p} href={href(p)} className={cls} aria-label={`第 ${p} 页`}>
            {p}
          </Link>
        ),
      )}
      {pages.at(-1)! < pageCount && (
        <>
          {pages.at(-1)! < pageCount - 1 && <span aria-hidden="true">…</span>}
          <Link href={href(pageCount)} className={cls} aria-label={`第 ${pageCount} 页（最后一页）`}>
            {pageCount}
          </Link>
        </>
      )}
      {page < pageCount && (
        <Link href={href(page + 1)} className={cls} rel="next">
          下一页
        </Link>
      )}
      <span className="ms-2 text-gray-700">
        第 {page} / {pageCount} 页
      </span>
    </nav>
  );
}
