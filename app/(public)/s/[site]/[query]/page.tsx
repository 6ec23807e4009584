import Link from "next/link";
import { ItemList } from "@/components/public/item-list";
import { Card } from "@/components/ui/card";
import { listPublicColumns } from "@/lib/server/public/site";
import { listLatest } from "@/lib/server/public/listing";
import { PUBLIC_SECTIONS } from "@/components/public/sections";

const BLURBS: Record<string, string> = {
  "/guide": "信息分类、获取方式、工作机构及联系方式",
  "/system": "本机关政府信息公开工作制度",
  "/browse": "按栏目、发布机构、类别、年份查看",
  "/annual-reports": "历年政府信息公开工作年度报告",
  "/apply": "如何申请获取其他政府信息",
};

export default async function HomePage() {
  const [latest, columns] = await Promise.all([listLatest({ limit: 10 }), listPublicColumns()]);
  return (
    <div className="space-y-6">
      <h1 className="sr-only">政府信息公开</h1>
      <nav aria-label="政府信息公开专栏">
        <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-5">
          {PUBLIC_SECTIONS.filter((s) => s.href !== "/").map((s) => (
            <li key={s.href}>
              <Link href={s.href} className="block h-full rounded-lg border border-gray-200 bg-white p-4 shadow-sm hover:border-gov-red">
                <span className="block font-semibold text-gov-red-dark">{s.label}</span>
                <span className="mt-1 block text-sm text-gray-700">{BLURBS[s.href]}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
        <Card
          title="最新公开"
          action={
            <Link href="/browse" className="text-sm text-gov-red underline">
              更多
            </Link>
          }
        >
          <ItemList items={latest!.items} />
        </Card>
        <Card title="法定主动公开内容">
          <ul className="grid grid-cols-2 gap-1 text-sm lg:grid-cols-1">
            {columns.map((c) => (
              <li key={c.id} className={c.parentId ? "lg:ps-4" : ""}>
                <Link href={`/columns/${encodeURIComponent(c.code)}`} className="block rounded px-2 py-1.5 hover:bg-red-50 hover:text-gov-red">
                  {c.parentId ? "› " : ""}
                  {c.name}
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </div>
  );
}
