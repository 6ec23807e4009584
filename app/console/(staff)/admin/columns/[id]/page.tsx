import { forbidden, notFound } from "next/navigation";
import { ColumnForm } from "@/components/admin/column-form";
import { Card } from "@/components/ui/card";
import { getColumnForAdmin } from "@/lib/server/admin/columns";
import { requireActor } from "@/lib/server/platform/auth";
import { updateColumnAction } from "../../actions";

export const metadata = { title: "编辑栏目" };

export default async function EditColumnPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const data = await getColumnForAdmin(await requireActor(), id);
  if (!data) forbidden();
  const c = data.column;
  if (!c) notFound();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">编辑栏目：{c.name}</h1>
      <Card>
        <ColumnForm
          action={updateColumnAction}
          initial={{ id: c.id, version: c.version, code: c.code, name: c.name, parentId: c.parentId ?? "", description: c.description ?? "", requiresDeptHead: c.requiresDeptHead, requiresLeader: c.requiresLeader }}
          parents={data.parents}
          codeLocked={c.items}
          hasChildren={c.children > 0}
          inReview={c.inReview}
          submitLabel="保存栏目"
        />
      </Card>
    </div>
  );
}
