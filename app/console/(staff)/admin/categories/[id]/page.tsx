import { forbidden, notFound } from "next/navigation";
import { CategoryForm } from "@/components/admin/category-form";
import { Card } from "@/components/ui/card";
import { getCategoryForAdmin } from "@/lib/server/admin/categories";
import { requireActor } from "@/lib/server/platform/auth";
import { updateCategoryAction } from "../../actions";

export const metadata = { title: "编辑栏目" };

export default async function EditCategoryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const data = await getCategoryForAdmin(await requireActor(), id);
  if (!data) forbidden();
  const c = data.category;
  if (!c) notFound();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">编辑栏目：{c.name}</h1>
      <Card>
        <CategoryForm
          action={updateCategoryAction}
          initial={{ id: c.id, code: c.code, name: c.name, parentId: c.parentId ?? "", description: c.description ?? "", requiresDeptHead: c.requiresDeptHead, requiresLeader: c.requiresLeader }}
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
