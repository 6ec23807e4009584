"use client";

import { ErrorNotice } from "@/components/ui/error-notice";

/** An unexpected error on a public page: shown inside the site's header and footer. */
export default function PublicError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorNotice error={error} retry={retry} home={{ href: "/", label: "返回首页" }} />;
}
