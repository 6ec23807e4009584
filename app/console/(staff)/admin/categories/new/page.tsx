import { forbidden } from "next/navigation";
import { CategoryForm } from "@/components/admin/category-form";
import { Card } from "@/components/ui/card";
import { newCategoryChoices } from "@/lib/server/admin/categories";
import { requireActor } from "@/lib/server/platform/auth";
import { createCategoryAction } from "../../actions";

export const metadata = { title: "新建栏目" };

export default async function NewCategoryPage() {
  const choices = await newCategoryChoices(await requireActor());
  if (!choices) forbidden();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">新建栏目</h1>
      <Card>
        <CategoryForm
          action={createCategoryAction}
          initial={{ code: "", name: "", parentId: "", description: "", requiresDeptHead: true, requiresLeader: true }}
          parents={choices.parents}
          codeLocked={0}
          hasChildren={false}
          inReview={0}
          submitLabel="新建栏目"
        />
      </Card>
    </div>
  );
}
