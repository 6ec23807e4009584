"use client";

import { ErrorNotice } from "@/components/ui/error-notice";

/** An unexpected error on a console page: shown inside the console's menu, which still works. */
export default function ConsoleError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorNotice error={error} retry={retry} home={{ href: "/console", label: "返回工作台" }} />;
}
