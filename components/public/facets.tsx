import Link from "next/link";
import { ARTICLE_20_ITEMS } from "@/lib/domain/article20";
import type { PublicQuery } from "@/lib/domain/public-query";
import type { FacetCounts } from "@/lib/server/public/search";
import type { Catalog } from "@/lib/server/public/listing";

export type FacetHref = (change: Partial<Record<"column" | "department" | "article20" | "year", string | number | undefined>>) => string;

/** `count` null: not known (a sampled search, FacetCounts.sampled) — no number, and always a link. */
function Option({ href, label, count, selected, title }: { href: string; label: string; count: number | null; selected: boolean; title?: string }) {
  const body = (
    <>
      <span className="min-w-0">{label}</span>
      {count !== null && <span className="shrink-0 tabular-nums text-gray-700">{count}</span>}
    </>
  );
  const cls = "flex items-baseline justify-between gap-2 rounded px-2 py-1.5";
  if (selected) {
    return (
      <Link href={href} aria-current="true" title={title} className={`${cls} bg-red-50 font-semibold text-gov-red-dark ring-1 ring-gov-red/40`}>
        {body}
        <span className="sr-only">（已选，点击取消）</span>
      </Link>
    );
  }
  if (count === 0) return <span className={`${cls} text-gray-600`} title={title}>{body}</span>;
  return (
    <Link href={href} title={title} className={`${cls} hover:bg-red-50 hover:text-gov-red`}>
      {body}
    </Link>
  );
}

function Group({ title, children, clear }: { title: string; children: React.ReactNode; clear?: string }) {
  return (
    <section className="border-b border-gray-200 pb-3 last:border-b-0">
      <div className="mb-1 flex items-baseline justify-between">
        <h2 className="text-sm font-semibold text-gray-900">{title}</h2>
        {clear && (
          <Link href={clear} className="text-xs text-gov-red underline">
            不限
          </Link>
        )}
      </div>
      <ul className="space-y-0.5 text-sm">{children}</ul>
    </section>
  );
}

/**
 * The four ways into 法定主动公开内容 (DESIGN §6): column tree, department, 第二十条 item, year,
 * each with how many items the other chosen filters leave. A search of more matches than its facet
 * counts read (FacetCounts.sampled) shows every column, department, item and year without numbers,
 * and says so: a number that is not the count would mislead.
 */
export function Facets({ query, facets, catalog, href, showColumns = true }: { query: PublicQuery; facets: FacetCounts; catalog: Catalog; href: FacetHref; showColumns?: boolean }) {
  const known = (n: number | undefined): number | null => (facets.sampled ? null : (n ?? 0));
  const subtree = (id: string): number =>
    (facets.column.get(id) ?? 0) + catalog.columns.filter((c) => c.parentId === id).reduce((n, c) => n + subtree(c.id), 0);
  const roots = catalog.columns.filter((c) => !c.parentId);
  const years = [...facets.year.keys()].sort((a, b) => b - a);
  if (query.year && !facets.year.has(query.year)) years.unshift(query.year);
  const departments = catalog.departments.filter((d) => facets.sampled || facets.department.get(d.id) || d.code === query.department);
  return (
    <aside aria-label="筛选条件" className="space-y-4 rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
      {facets.sampled && (
        <p className="text-xs leading-relaxed text-gray-700" data-testid="facets-sampled">
          该关键词的结果较多，各筛选项的条数从略。
        </p>
      )}
      {showColumns && (
        <Group title="按栏目" clear={query.column ? href({ column: undefined }) : undefined}>
          {roots.map((c) => (
            <li key={c.id}>
              <Option href={href({ column: query.column === c.code ? undefined : c.code })} label={c.name} count={known(subtree(c.id))} selected={query.column === c.code} />
              {catalog.columns.some((x) => x.parentId === c.id) && (
                <ul className="ms-4 border-s border-gray-200 ps-2">
                  {catalog.columns
                    .filter((x) => x.parentId === c.id)
                    .map((x) => (
                      <li key={x.id}>
                        <Option href={href({ column: query.column === x.code ? undefined : x.code })} label={x.name} count={known(subtree(x.id))} selected={query.column === x.code} />
                      </li>
                    ))}
                </ul>
              )}
            </li>
          ))}
        </Group>
      )}
      <Group title="按发布机构" clear={query.department ? href({ department: undefined }) : undefined}>
        {departments.length ? (
          departments.map((d) => (
            <li key={d.id}>
              <Option
                href={href({ department: query.department === d.code ? undefined : d.code })}
                label={d.name}
                count={known(facets.department.get(d.id))}
                selected={query.department === d.code}
              />
            </li>
          ))
        ) : (
          <li className="px-2 py-1.5 text-gray-700">无</li>
        )}
      </Group>
      <Group title="按《条例》第二十条" clear={query.article20 ? href({ article20: undefined }) : undefined}>
        {ARTICLE_20_ITEMS.map((a) => (
          <li key={a.item}>
            <Option
              href={href({ article20: query.article20 === a.item ? undefined : a.item })}
              label={`${a.label}${a.text}`}
              count={known(facets.article20.get(a.item))}
              selected={query.article20 === a.item}
            />
          </li>
        ))}
      </Group>
      <Group title="按年份" clear={query.year ? href({ year: undefined }) : undefined}>
        {years.length ? (
          years.map((y) => (
            <li key={y}>
              <Option href={href({ year: query.year === y ? undefined : y })} label={`${y}年`} count={known(facets.year.get(y))} selected={query.year === y} />
            </li>
          ))
        ) : (
          <li className="px-2 py-1.5 text-gray-700">无</li>
        )}
      </Group>
    </aside>
  );
}
