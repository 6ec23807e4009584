import { forbidden } from "next/navigation";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/server/platform/auth";
import { can } from "@/lib/server/platform/authz";
import { listPublicColumns } from "@/lib/server/public/site";
import { getSiteSettings } from "@/lib/server/admin/site-settings";
import { saveSiteSettingsAction } from "./actions";
import { SettingsForm } from "./settings-form";

export const metadata = { title: "站点设置" };

export default async function SettingsPage() {
  const actor = await requireActor();
  if (!can(actor, "site.settings")) forbidden();
  const [{ settings, version }, columns] = await Promise.all([getSiteSettings(), listPublicColumns()]);
  return (
    <Card title="站点设置：政府信息公开指南">
      <p className="mb-4 text-sm text-gray-700">
        以下内容显示在公开网站的“政府信息公开指南”“依申请公开”页面和页脚（《条例》第十二条）。保存后立即生效，并记入审计日志。
      </p>
      <SettingsForm
        action={saveSiteSettingsAction}
        settings={settings}
        version={version}
        columns={columns.map((c) => ({ code: c.code, name: c.parentId ? `　${c.name}` : c.name }))}
      />
    </Card>
  );
}
