import Link from "next/link";
import { ROLE_LABELS, type Role } from "@/lib/domain/roles";
import { LogoutButton } from "./logout-button";

export interface NavLink {
  href: string;
  label: string;
}

export function ConsoleShell({
  bureau,
  user,
  nav,
  unread,
  children,
}: {
  bureau: string;
  user: { displayName: string; roles: Role[]; departmentName: string | null };
  nav: NavLink[];
  unread: number;
  children: React.ReactNode;
}) {
  return (
    <div className="min-h-screen">
      <header className="bg-gov-red text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-3">
          <Link href="/console" className="font-bold tracking-wide">
            {bureau} · 政务公开工作平台
          </Link>
          <div className="flex items-center gap-3 text-sm">
            <span data-testid="current-user">
              {user.displayName}
              <span className="ms-2 text-red-100">
                {user.departmentName ? `${user.departmentName} · ` : ""}
                {user.roles.map((r) => ROLE_LABELS[r]).join("、")}
              </span>
            </span>
            <Link href="/console/account/password" className="underline-offset-2 hover:underline">
              账户安全
            </Link>
            <LogoutButton />
          </div>
        </div>
        <nav aria-label="工作台导航" className="bg-gov-red-dark">
          {/* Wraps rather than scrolls: a scrolled-off menu entry on a phone had no hint it existed. */}
          <ul className="mx-auto flex max-w-6xl flex-wrap gap-x-1 px-2 text-sm">
            {nav.map((l) => (
              <li key={l.href}>
                <Link href={l.href} className="block px-3 py-2 whitespace-nowrap hover:bg-white/10">
                  {l.label}
                  {l.href === "/console" && unread > 0 && (
                    <span className="ms-1 rounded-full bg-yellow-300 px-1.5 text-xs font-bold text-gray-900" aria-label={`${unread} 条未读消息`}>
                      {unread}
                    </span>
                  )}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
