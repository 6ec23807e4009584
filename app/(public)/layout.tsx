import { SiteFooter, SiteHeader } from "@/components/public/site-header";
import { TEXT_SIZE_SCRIPT } from "@/components/public/text-size";
import { env } from "@/lib/env";
import { siteSettings } from "@/lib/server/admin/site-settings";
import "./public.css";

// No `dynamic` here: the pages under s/[site]/[query] are cached (issue 11 §2); /apply, /track and
// /search say force-dynamic themselves. Nothing in this layout may be per visitor (no session,
// nonce, form token or request id): it is part of every cached page.

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
