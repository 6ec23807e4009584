"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import type { ApplicationReceipt } from "@/lib/domain/requests/public-application";

/**
 * 回执: the 查询码 (shown this once — only its hash is stored), the submission time, the 收到日 rule
 * of 第三十一条 for online applications, what happens next, and what was asked, with the ID
 * number masked. Printable: the print stylesheet leaves only this block.
 */
export function ApplicationReceiptView({ receipt, onAnother }: { receipt: ApplicationReceipt; onAnother: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const s = receipt.summary;
  const rows: [string, string][] = [
    ["申请人类型", s.applicantType],
    ["申请人", s.name],
    ["证件", `${s.idType} ${s.idNumber}`],
    ["身份证明复印件", s.idCopy ? "已上传" : "未上传"],
    ["所需信息的内容描述", s.description],
    ["用途", s.purpose || "未填写"],
    ["获取信息的形式和方式", `${s.deliveryForm}，${s.deliveryMethod}`],
  ];
  return (
    <section aria-labelledby="receipt-heading" className="application-receipt space-y-5">
      <h2 id="receipt-heading" ref={heading} tabIndex={-1} className="text-xl font-bold text-gray-900 focus:outline-none">
        政府信息公开申请回执
      </h2>
      <div role="status" className="rounded-md border border-green-200 bg-green-50 px-4 py-3 text-green-900 print:border-0 print:bg-white print:px-0">
        您的申请已在线提交。
      </div>
      <div className="rounded-lg border-2 border-gov-red px-4 py-4 text-center print:border-black">
        <p className="text-sm text-gray-700">查询码</p>
        <p className="my-2 break-all font-mono text-2xl font-bold tracking-wider text-gray-900 sm:text-3xl" data-testid="tracking-code">
          {receipt.trackingCode}
        </p>
        <p className="text-sm font-medium text-gov-red print:text-black">请务必抄写、打印或截图保存查询码。查询码只显示这一次，本机关不保存其明文，遗失后无法找回。</p>
      </div>
      <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[10rem_1fr]">
        <dt className="font-medium text-gray-700">提交时间</dt>
        <dd>{receipt.submittedAt}（北京时间）</dd>
        <dt className="font-medium text-gray-700">收到申请之日</dt>
        <dd>{receipt.receiptRule} 本机关政府信息公开工作机构确认后，即以确认之日为收到申请之日。</dd>
      </dl>
      <div>
        <h3 className="mb-2 font-semibold text-gray-900">接下来</h3>
        <ol className="list-decimal space-y-1 ps-6 leading-7">
          <li>本机关政府信息公开工作机构确认收到您的申请；确认前，查询页面暂时查不到这份申请。</li>
          <li>申请内容不明确的，本机关自收到申请之日起 7 个工作日内一次性告知您需要补正的事项，答复期限自收到补正之日起重新计算（《条例》第三十条）。</li>
          <li>
            本机关自收到申请之日起 20 个工作日内予以答复；需要延长的，经政府信息公开工作机构负责人同意并告知您，延长的期限最长不超过 20 个工作日（《条例》第三十三条）。征求第三方或其他机关意见的时间不计算在内。
          </li>
          <li>
            凭查询码可在“<Link href="/track" className="text-gov-red underline print:text-black print:no-underline">查询办理进度</Link>”页面查看办理状态、答复期限，并在答复后下载答复书。
          </li>
        </ol>
      </div>
      <div>
        <h3 className="mb-2 font-semibold text-gray-900">申请内容摘要</h3>
        <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[10rem_1fr]">
          {rows.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="font-medium text-gray-700">{label}</dt>
              <dd className="whitespace-pre-wrap break-words">{value}</dd>
            </div>
          ))}
        </dl>
      </div>
      <div className="flex flex-wrap gap-3 print:hidden">
        <button type="button" onClick={() => window.print()} className="rounded-md bg-gov-red px-5 py-2 text-base font-medium text-white hover:bg-gov-red-dark">
          打印回执
        </button>
        <Link href="/track" className="rounded-md border border-gray-400 px-5 py-2 text-base text-gray-800 hover:border-gov-red hover:text-gov-red">
          查询办理进度
        </Link>
        <button type="button" onClick={onAnother} className="rounded-md border border-gray-400 px-5 py-2 text-base text-gray-800 hover:border-gov-red hover:text-gov-red">
          再提交一份申请
        </button>
      </div>
    </section>
  );
}
