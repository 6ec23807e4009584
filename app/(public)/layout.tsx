import { SiteFooter, SiteHeader } from "@/components/public/site-header";
import { TEXT_SIZE_SCRIPT } from "@/components/public/text-size";
import { env } from "@/lib/env";
import { siteSettings } from "@/lib/server/admin/site-settings";
import "./public.css";

// Pages read the database on each request; next.config.js lets shared caches keep them a minute.
export const dynamic = "force-dynamic";

export default async function PublicLayout({ children }: { children: React.ReactNode }) {
  const { settings } = await siteSettings();
  const bureau = env().BUREAU_NAME;
  return (
    <>
      {/* Applies the visitor's 大字号 choice before the first paint; the page itself is the same for everyone. */}
      <script dangerouslySetInnerHTML={{ __html: TEXT_SIZE_SCRIPT }} />
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:z-10 focus:bg-white focus:p-2 focus:text-gov-red">
        跳到主要内容
      </a>
      <SiteHeader bureau={bureau} />
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-6 focus:outline-none">
        {children}
      </main>
      <SiteFooter bureau={bureau} office={settings} />
    </>
  );
}
