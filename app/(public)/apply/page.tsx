import type { Metadata } from "next";
import Link from "next/link";
import { ApplyForm } from "@/components/public/apply-form";
import { OfficeContact } from "@/components/public/office-contact";
import { RECEIPT_RULES } from "@/lib/domain/requests/receipt";
import type { Channel } from "@/lib/domain/requests/vocabulary";
import { env } from "@/lib/env";
import { siteSettings } from "@/lib/server/admin/site-settings";
import { submitApplicationAction } from "./actions";

export const metadata: Metadata = { title: "依申请公开" };
// Per visitor (a form token, a challenge, a rate limit): never cached, never prerendered.
export const dynamic = "force-dynamic";

/** The 第三十一条 rules a visitor may meet, in the order the page lists the ways to apply. */
const PUBLIC_RECEIPT_CHANNELS: Channel[] = ["online", "registered_mail", "ordinary_mail", "fax", "email", "in_person"];

const h2 = "mt-8 mb-3 border-s-4 border-gov-red ps-3 text-lg font-semibold text-gray-900";
const p = "my-2 leading-8";

export default async function ApplyPage() {
  const { settings } = await siteSettings();
  const bureau = env().BUREAU_NAME;
  return (
    <article className="rounded-lg border border-gray-200 bg-white px-5 py-6 shadow-sm sm:px-10 print:border-0 print:p-0 print:shadow-none">
      <h1 className="text-2xl font-bold text-gray-900 print:hidden">依申请公开</h1>
      <p className="mt-2 text-gray-700 print:hidden">
        已经提交过申请？请凭查询码<Link href="/track" className="text-gov-red underline">查询办理进度</Link>。
      </p>

      <section aria-labelledby="apply-heading" className="mt-6">
        <h2 id="apply-heading" className={`${h2} print:hidden`}>在线提交申请</h2>
        <ApplyForm action={submitApplicationAction} />
      </section>

      <div className="print:hidden">
      <h2 className={h2}>一、谁可以申请</h2>
      <p className={p}>
        除本机关主动公开的政府信息外，公民、法人或者其他组织可以向本机关申请获取相关政府信息（《中华人民共和国政府信息公开条例》第二十七条）。申请前，建议先在
        <a href="/search" className="text-gov-red underline">站内搜索</a>中查找，所需信息可能已经主动公开。
      </p>

      <h2 className={h2}>二、申请需写明的内容</h2>
      <p className={p}>依照《条例》第二十九条，请采用书面形式提出申请，并写明：</p>
      <ol className="my-2 list-decimal space-y-1 ps-6">
        <li>申请人的姓名或者名称、身份证明、联系方式；</li>
        <li>申请公开的政府信息的名称、文号或者便于本机关查询的其他特征性描述；</li>
        <li>申请公开的政府信息的形式要求，包括获取信息的方式、途径。</li>
      </ol>
      <p className={p}>采用书面形式确有困难的，可以口头提出，由本机关工作人员代为填写申请。</p>

      <h2 className={h2}>三、提出方式</h2>
      <ul className="my-2 list-disc space-y-1 ps-6">
        <li>在线申请：填写本页上方的申请表。</li>
        <li>信函申请：请在信封左下角注明“政府信息公开申请”字样；平常信函请同时写明联系电话，以便本机关与您确认。</li>
        <li>传真、电子邮件申请：请注明“政府信息公开申请”。</li>
        <li>当面申请：请在办公时间到本机关政府信息公开工作机构提出。</li>
      </ul>
      <p className={p}>收到申请之日按以下规则确定（答复期限自该日起计算）：</p>
      <ul className="my-2 list-disc space-y-1 ps-6" data-testid="receipt-rules">
        {PUBLIC_RECEIPT_CHANNELS.map((channel) => (
          <li key={channel}>{RECEIPT_RULES[channel].text}</li>
        ))}
      </ul>

      <h2 className={h2}>四、答复期限</h2>
      <p className={p}>
        能够当场答复的，本机关当场予以答复；不能当场答复的，自收到申请之日起 20 个工作日内予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过 20 个工作日（《条例》第三十三条）。申请内容不明确的，本机关自收到申请之日起 7 个工作日内一次性告知需要补正的事项，答复期限自收到补正的申请之日起计算（《条例》第三十条）。
      </p>
      <p className={p}>本机关依申请提供政府信息，不收取费用（《条例》第四十二条规定的情形除外）。</p>

      <h2 className={h2}>五、受理机构</h2>
      <OfficeContact settings={settings} bureau={bureau} />
      </div>
    </article>
  );
}
