"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { PUBLIC_SECTIONS } from "./sections";

/** The section bar; the current section is marked for screen readers (aria-current) and by eye. */
export function SectionNav() {
  const pathname = usePathname();
  const current = (href: string) =>
    href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`) || (href === "/browse" && pathname.startsWith("/columns/"));
  return (
    <nav aria-label="政府信息公开栏目" className="bg-gov-red-dark">
      <ul className="mx-auto flex max-w-6xl flex-wrap px-2 text-[0.95rem]">
        {PUBLIC_SECTIONS.map((s) => (
          <li key={s.href}>
            <Link
              href={s.href}
              aria-current={current(s.href) ? "page" : undefined}
              className="block px-3 py-2.5 whitespace-nowrap text-white hover:bg-white/10 aria-[current=page]:bg-white/15 aria-[current=page]:font-semibold focus-visible:outline-white"
            >
              {s.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
