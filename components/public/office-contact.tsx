import type { SiteSettings } from "@/lib/domain/site-settings";

/** 条例第十二条: the disclosure office's 名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式. */
export function OfficeContact({ settings, bureau }: { settings: SiteSettings; bureau: string }) {
  const rows: [string, React.ReactNode][] = [
    ["机构名称", `${bureau}${settings.officeName}`],
    ["办公地址", settings.address || "（暂未公布）"],
    ["邮政编码", settings.postalCode || "—"],
    ["办公时间", settings.officeHours || "（暂未公布）"],
    ["联系电话", settings.phone || "（暂未公布）"],
    ["传真号码", settings.fax || "—"],
    [
      "互联网联系方式",
      settings.email || settings.website ? (
        <>
          {settings.email && (
            <span className="me-4">
              电子邮箱：<a href={`mailto:${settings.email}`} className="text-gov-red underline">{settings.email}</a>
            </span>
          )}
          {settings.website && (
            <span>
              网站：<a href={settings.website} className="text-gov-red underline" rel="noopener">{settings.website}</a>
            </span>
          )}
        </>
      ) : (
        "—"
      ),
    ],
  ];
  return (
    <dl className="grid grid-cols-1 border border-gray-300 text-sm sm:grid-cols-[9rem_1fr]" data-testid="office-contact">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="border-b border-gray-300 bg-gray-100 px-3 py-2 font-medium text-gray-800">{k}</dt>
          <dd className="border-b border-gray-300 px-3 py-2 break-all" data-field={k}>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
