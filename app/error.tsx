"use client";

import { ErrorNotice } from "@/components/ui/error-notice";

/** An unexpected error outside the public site and the console shell (the login page, say). */
export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <main>
      <ErrorNotice error={error} retry={retry} home={{ href: "/", label: "返回首页" }} />
    </main>
  );
}
