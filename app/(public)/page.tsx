import Link from "next/link";
import { Card } from "@/components/ui/card";
import { ItemList } from "@/components/public/item-list";
import { listPublicCategories, listPublishedItems } from "@/lib/server/public-site";

export default async function HomePage() {
  const [latest, categories] = await Promise.all([listPublishedItems({ page: 1 }), listPublicCategories()]);
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
      <Card title="最新公开" action={<span className="text-sm text-gray-500">共 {latest.total} 条</span>}>
        <ItemList items={latest.items} />
      </Card>
      <aside className="space-y-6">
        <Card title="法定主动公开内容">
          <ul className="grid grid-cols-2 gap-2 text-sm lg:grid-cols-1">
            {categories.map((c) => (
              <li key={c.id} className={c.parentId ? "lg:ps-4" : ""}>
                <Link href={`/columns/${c.code}`} className="block rounded px-2 py-1.5 hover:bg-red-50 hover:text-gov-red">
                  {c.parentId ? "› " : ""}
                  {c.name}
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      </aside>
    </div>
  );
}
