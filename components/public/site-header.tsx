import Link from "next/link";

export function SiteHeader({ bureau, columns }: { bureau: string; columns: { code: string; name: string }[] }) {
  return (
    <header className="bg-gov-red text-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-5">
        <Link href="/" className="flex items-center gap-3 focus-visible:outline-white">
          <span aria-hidden="true" className="grid h-11 w-11 place-items-center rounded-full border-2 border-yellow-300 text-lg font-bold text-yellow-300">
            公
          </span>
          <span>
            <span className="block text-xl font-bold tracking-wide sm:text-2xl">{bureau}</span>
            <span className="block text-sm text-red-100">政府信息公开</span>
          </span>
        </Link>
        <Link href="/console" className="rounded border border-red-200/60 px-3 py-1.5 text-sm text-red-50 hover:bg-white/10">
          工作人员登录
        </Link>
      </div>
      <nav aria-label="栏目导航" className="bg-gov-red-dark">
        <ul className="mx-auto flex max-w-6xl gap-1 overflow-x-auto px-2 text-[0.95rem]">
          <li>
            <Link href="/" className="block px-3 py-2.5 whitespace-nowrap hover:bg-white/10">
              首页
            </Link>
          </li>
          {columns.map((c) => (
            <li key={c.code}>
              <Link href={`/columns/${c.code}`} className="block px-3 py-2.5 whitespace-nowrap hover:bg-white/10">
                {c.name}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}

export function SiteFooter({ bureau }: { bureau: string }) {
  return (
    <footer className="mt-12 border-t-4 border-gov-red bg-white">
      <div className="mx-auto max-w-6xl space-y-1 px-4 py-6 text-sm text-gray-600">
        <p>主办单位：{bureau}　承办：{bureau}政务公开工作领导小组办公室</p>
        <p>依据《中华人民共和国政府信息公开条例》公开政府信息</p>
      </div>
    </footer>
  );
}
