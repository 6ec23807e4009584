import type { Metadata } from "next";
import Link from "next/link";
import { TrackForm } from "@/components/public/track-form";
import { trackAction } from "./actions";

export const metadata: Metadata = { title: "查询办理进度" };
// Per visitor (a form token, a challenge, a rate limit): never cached, never prerendered.
export const dynamic = "force-dynamic";

export default function TrackPage() {
  return (
    <article className="rounded-lg border border-gray-200 bg-white px-5 py-6 shadow-sm sm:px-10">
      <h1 className="text-2xl font-bold text-gray-900">查询办理进度</h1>
      <p className="my-3 leading-8 text-gray-700">
        输入在线申请后取得的查询码，可以查看政府信息公开申请的办理状态、收到申请之日和答复期限，答复后可下载答复书。查询结果不显示申请人的任何个人信息。在线提交的申请须经本机关确认收到后才能查到。
      </p>
      <TrackForm action={trackAction} />
      <p className="mt-6 text-sm text-gray-600">
        还没有提交申请？请到<Link href="/apply" className="text-gov-red underline">依申请公开</Link>页面在线提交。
      </p>
    </article>
  );
}
