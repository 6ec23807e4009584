import { AdminTabs } from "@/components/admin/admin-tabs";
import { requireActor } from "@/lib/server/platform/auth";
import { can } from "@/lib/server/platform/authz";
import { ADMIN_AREAS } from "@/components/admin/areas";

/** Tabs only; every page checks its own permission (and answers 403). */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const areas = ADMIN_AREAS.filter((a) => can(actor, a.permission)).map(({ href, label }) => ({ href, label }));
  return (
    <div>
      {areas.length > 0 && <AdminTabs areas={areas} />}
      {children}
    </div>
  );
}
