import Link from "next/link";
import { SearchBox } from "./search-box";
import { SectionNav } from "./section-nav";
import { TextSizeToggle } from "./text-size-toggle";

export function SiteHeader({ bureau }: { bureau: string }) {
  return (
    <header className="bg-gov-red text-white print:hidden">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-4">
        <Link href="/" className="flex items-center gap-3 focus-visible:outline-white">
          <span aria-hidden="true" className="grid h-11 w-11 shrink-0 place-items-center rounded-full border-2 border-yellow-300 text-lg font-bold text-yellow-300">
            公
          </span>
          <span>
            <span className="block text-xl font-bold tracking-wide sm:text-2xl">{bureau}</span>
            <span className="block text-sm text-red-50">政府信息公开</span>
          </span>
        </Link>
        <div className="flex flex-wrap items-center gap-2">
          <TextSizeToggle />
          <Link href="/console" className="rounded border border-red-200/60 px-3 py-1.5 text-sm text-white hover:bg-white/10 focus-visible:outline-white">
            工作人员登录
          </Link>
        </div>
      </div>
      <SectionNav />
      <div className="bg-red-50 py-3">
        <div className="mx-auto flex max-w-6xl px-4">
          <SearchBox />
        </div>
      </div>
    </header>
  );
}

export interface OfficeContact {
  officeName: string;
  address: string;
  phone: string;
  officeHours: string;
}

export function SiteFooter({ bureau, office }: { bureau: string; office: OfficeContact }) {
  return (
    <footer className="mt-12 border-t-4 border-gov-red bg-white print:hidden">
      <div className="mx-auto grid max-w-6xl gap-6 px-4 py-6 text-sm text-gray-700 md:grid-cols-2">
        <div className="space-y-1">
          <p>主办单位：{bureau}　承办：{bureau}{office.officeName}</p>
          {office.address && <p>办公地址：{office.address}</p>}
          {office.phone && <p>联系电话：{office.phone}</p>}
          <p>依据《中华人民共和国政府信息公开条例》公开政府信息</p>
        </div>
        <nav aria-label="订阅与数据接口">
          <ul className="space-y-1 md:text-end">
            <li>
              <Link href="/guide" className="text-gov-red underline hover:text-gov-red-dark">政府信息公开指南</Link>
            </li>
            <li>
              <Link href="/track" className="text-gov-red underline hover:text-gov-red-dark">依申请公开办理进度查询</Link>
            </li>
            <li>
              <a href="/feed.xml" className="text-gov-red underline hover:text-gov-red-dark">订阅全部公开信息（Atom）</a>
            </li>
            <li>
              <a href="/api/v1/openapi.json" className="text-gov-red underline hover:text-gov-red-dark">开放数据接口（OpenAPI）</a>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
