import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-xl px-4 py-24 text-center">
      <p className="text-5xl font-bold text-gov-red">403</p>
      <h1 className="mt-4 text-xl font-semibold">无权访问</h1>
      <p className="mt-2 text-gray-600">您的账户没有访问此页面的权限。如需开通，请联系系统管理员。</p>
      <Link href="/console" className="mt-6 inline-block text-gov-red underline">返回工作台</Link>
    </main>
  );
}
