"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** The areas of office administration this user may open, as tabs. */
export function AdminTabs({ areas }: { areas: { href: string; label: string }[] }) {
  const path = usePathname();
  return (
    <nav aria-label="公开办管理" className="mb-6 border-b border-gray-200">
      <ul className="flex flex-wrap gap-1 text-sm">
        {areas.map((a) => {
          const current = path === a.href || path.startsWith(`${a.href}/`);
          return (
            <li key={a.href}>
              <Link
                href={a.href}
                aria-current={current ? "page" : undefined}
                className={`-mb-px block border-b-2 px-4 py-2 ${current ? "border-gov-red font-semibold text-gov-red" : "border-transparent text-gray-700 hover:text-gov-red"}`}
              >
                {a.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
