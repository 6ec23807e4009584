import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-4 py-24 text-center">
      <p className="text-5xl font-bold text-gov-red">404</p>
      <h1 className="mt-4 text-xl font-semibold">页面不存在</h1>
      <p className="mt-2 text-gray-600">您访问的信息不存在、尚未公开，或您无权查看。</p>
      <Link href="/" className="mt-6 inline-block text-gov-red underline">返回首页</Link>
    </main>
  );
}
