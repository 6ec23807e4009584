import { SiteFooter, SiteHeader } from "@/components/public/site-header";
import { env } from "@/lib/env";
import { listPublicCategories } from "@/lib/server/public-site";

export const dynamic = "force-dynamic";

export default async function PublicLayout({ children }: { children: React.ReactNode }) {
  const categories = await listPublicCategories();
  const bureau = env().BUREAU_NAME;
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:z-10 focus:bg-white focus:p-2">
        跳到主要内容
      </a>
      <SiteHeader bureau={bureau} columns={categories.filter((c) => !c.parentId)} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
      <SiteFooter bureau={bureau} />
    </>
  );
}
