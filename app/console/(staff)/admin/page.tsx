import Link from "next/link";
import { forbidden } from "next/navigation";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/server/platform/auth";
import { can } from "@/lib/server/platform/authz";
import { ADMIN_AREAS } from "@/components/admin/areas";

export const metadata = { title: "公开办管理" };

export default async function AdminHome() {
  const actor = await requireActor();
  const areas = ADMIN_AREAS.filter((a) => can(actor, a.permission));
  if (!areas.length) forbidden();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">公开办管理</h1>
      <div className="grid gap-4 sm:grid-cols-2">
        {areas.map((a) => (
          <Card key={a.href} title={<Link href={a.href} className="text-gov-red hover:underline">{a.label}</Link>}>
            <p className="text-sm text-gray-600">{a.description}</p>
          </Card>
        ))}
      </div>
      <p className="text-sm text-gray-600">每项修改都记入审计日志（修改前后的内容）。</p>
    </div>
  );
}
