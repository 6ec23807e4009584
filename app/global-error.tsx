"use client";

import { ErrorNotice } from "@/components/ui/error-notice";
import "./globals.css";

/** The root layout itself failed: this replaces it, so it brings its own document and styles. */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-screen font-sans">
        <title>页面暂时无法显示</title>
        <main>
          <ErrorNotice error={error} retry={retry} home={{ href: "/", label: "返回首页" }} />
        </main>
      </body>
    </html>
  );
}
