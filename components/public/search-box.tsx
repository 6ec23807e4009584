import { QUERY_MAX } from "@/lib/domain/search-text";

/** A plain GET form to /search: works without JavaScript and gives a URL anyone can share. */
export function SearchBox({ q = "", id = "site-search", label = "搜索公开信息" }: { q?: string; id?: string; label?: string }) {
  return (
    <form role="search" action="/search" method="get" className="flex w-full max-w-xl items-stretch gap-2">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input
        id={id}
        name="q"
        type="search"
        defaultValue={q}
        maxLength={QUERY_MAX}
        placeholder="输入关键词，如：科技、项目申报"
        className="min-w-0 flex-1 rounded-md border border-gray-400 bg-white px-3 py-2 text-base text-gray-900 placeholder:text-gray-600 focus:border-blue-700 focus:ring-2 focus:ring-blue-700/30 focus:outline-none"
      />
      <button type="submit" className="shrink-0 rounded-md bg-gov-red px-4 py-2 font-medium text-white hover:bg-gov-red-dark focus-visible:outline-blue-700">
        搜索
      </button>
    </form>
  );
}
