/**
 * What a visitor or a clerk sees when a page fails unexpectedly: a plain Chinese explanation and
 * the 错误编号 — Next.js's digest of the error, which the server writes to its log next to the
 * error itself — so the sysadmin can find the cause from a phone call or a screenshot.
 */
export function errorDigest(error: unknown): string | null {
  const digest = error instanceof Error || (typeof error === "object" && error !== null) ? (error as { digest?: unknown }).digest : undefined;
  return typeof digest === "string" && digest ? digest : null;
}

export function ErrorNotice({
  error,
  retry,
  home,
}: {
  error: unknown;
  retry?: () => void;
  home: { href: string; label: string };
}) {
  const digest = errorDigest(error);
  return (
    <section role="alert" aria-labelledby="error-heading" className="mx-auto max-w-xl px-4 py-16 text-center">
      <p className="text-5xl font-bold text-gov-red" aria-hidden="true">出错了</p>
      <h1 id="error-heading" className="mt-4 text-xl font-semibold">页面暂时无法显示</h1>
      <p className="mt-2 text-gray-700">系统处理您的请求时发生了意外错误。请稍后重试；如问题持续，请把下面的错误编号告诉系统管理员。</p>
      <p className="mt-4 text-sm text-gray-800">
        错误编号：
        <code className="rounded bg-gray-100 px-1.5 py-0.5 font-mono break-all" data-testid="error-digest">
          {digest ?? "无（错误发生在浏览器中，请告知发生错误的页面和时间）"}
        </code>
      </p>
      <div className="mt-6 flex flex-wrap justify-center gap-4">
        {retry && (
          <button type="button" onClick={() => retry()} className="rounded-md bg-gov-red px-4 py-2 text-white hover:bg-gov-red-dark">
            重试
          </button>
        )}
        <a href={home.href} className="px-2 py-2 text-gov-red underline">
          {home.label}
        </a>
      </div>
    </section>
  );
}
