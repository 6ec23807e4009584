import type { Metadata } from "next";
import Link from "next/link";
import { OfficeContact } from "@/components/public/office-contact";
import { ARTICLE_20_ITEMS } from "@/lib/domain/article20";
import { env } from "@/lib/env";
import { listPublicColumns } from "@/lib/server/public/site";
import { siteSettings } from "@/lib/server/admin/site-settings";

export const metadata: Metadata = { title: "政府信息公开指南" };

const h2 = "mt-8 mb-3 border-s-4 border-gov-red ps-3 text-lg font-semibold text-gray-900";
const p = "my-2 leading-8";

/** 条例第十二条: classification and arrangement, how to obtain information, the office. Generated from the site settings. */
export default async function GuidePage() {
  const [{ settings }, columns] = await Promise.all([siteSettings(), listPublicColumns()]);
  const bureau = env().BUREAU_NAME;
  const roots = columns.filter((c) => !c.parentId);
  return (
    <article className="rounded-lg border border-gray-200 bg-white px-5 py-6 shadow-sm sm:px-10">
      <h1 className="text-center text-2xl font-bold text-gray-900">{bureau}政府信息公开指南</h1>
      <p className={p}>
        为便于公民、法人和其他组织获取本机关的政府信息，根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第十二条，编制本指南。
      </p>

      <h2 className={h2}>一、政府信息的分类与编排体系</h2>
      <p className={p}>
        本机关主动公开的政府信息按栏目分类，各栏目内按发布时间由近及远排列。每条信息有唯一的索引号（机构代码/年份-五位流水号），并标明发布机构、生成日期、发布日期、文号和主题分类。栏目如下：
      </p>
      <ul className="my-2 list-disc space-y-1 ps-6">
        {roots.map((c) => (
          <li key={c.id}>
            <Link href={`/columns/${encodeURIComponent(c.code)}`} className="text-gov-red underline">{c.name}</Link>
            {columns.some((x) => x.parentId === c.id) && (
              <>
                （含
                {columns
                  .filter((x) => x.parentId === c.id)
                  .map((x, i) => (
                    <span key={x.id}>
                      {i > 0 && "、"}
                      <Link href={`/columns/${encodeURIComponent(x.code)}`} className="text-gov-red underline">{x.name}</Link>
                    </span>
                  ))}
                ）
              </>
            )}
          </li>
        ))}
      </ul>
      <p className={p}>同时按《条例》第二十条所列类别标注，可在“法定主动公开内容”中按类别查看：</p>
      <ol className="my-2 space-y-1 ps-2 text-sm">
        {ARTICLE_20_ITEMS.map((a) => (
          <li key={a.item}>
            <Link href={`/browse?article20=${a.item}`} className="underline hover:text-gov-red">
              {a.label}
              {a.text}
            </Link>
          </li>
        ))}
      </ol>

      <h2 className={h2}>二、获取政府信息的方式</h2>
      <h3 className="mt-4 font-semibold">（一）主动公开</h3>
      <p className={p}>
        本机关主动公开的政府信息，自该信息形成或者变更之日起 20 个工作日内在本网站公开（《条例》第二十六条）。您可以通过以下方式获取：
      </p>
      <ul className="my-2 list-disc space-y-1 ps-6">
        <li>
          浏览本网站 <Link href="/browse" className="text-gov-red underline">法定主动公开内容</Link>，或使用
          <Link href="/search" className="text-gov-red underline">站内搜索</Link>（标题和正文均可检索）；
        </li>
        <li>
          订阅 <a href="/feed.xml" className="text-gov-red underline">全部公开信息</a> 或各栏目的 Atom 更新；
        </li>
        <li>
          通过 <a href="/api/v1/openapi.json" className="text-gov-red underline">开放数据接口</a> 获取结构化数据；
        </li>
        <li>到本机关政府信息公开工作机构现场查阅。</li>
      </ul>
      <h3 className="mt-4 font-semibold">（二）依申请公开</h3>
      <p className={p}>
        除主动公开的政府信息外，公民、法人或者其他组织可以向本机关申请获取相关政府信息（《条例》第二十七条）。申请方式、内容要求和答复期限见
        <Link href="/apply" className="text-gov-red underline">依申请公开</Link>。本机关依申请提供政府信息，不收取费用；申请数量、频次明显超过合理范围的，可依照《条例》第四十二条收取信息处理费。
      </p>

      <h2 className={h2}>三、政府信息公开工作机构</h2>
      <OfficeContact settings={settings} bureau={bureau} />

      <h2 className={h2}>四、监督和救济</h2>
      <p className={p}>
        公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼（《条例》第五十一条）。
      </p>

      {settings.note && (
        <>
          <h2 className={h2}>五、其他说明</h2>
          <p className={`${p} whitespace-pre-line`}>{settings.note}</p>
        </>
      )}
    </article>
  );
}
