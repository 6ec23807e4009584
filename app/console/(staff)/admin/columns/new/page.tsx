import { forbidden } from "next/navigation";
import { ColumnForm } from "@/components/admin/column-form";
import { Card } from "@/components/ui/card";
import { newColumnChoices } from "@/lib/server/admin/columns";
import { requireActor } from "@/lib/server/platform/auth";
import { createColumnAction } from "../../actions";

export const metadata = { title: "新建栏目" };

export default async function NewColumnPage() {
  const choices = await newColumnChoices(await requireActor());
  if (!choices) forbidden();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">新建栏目</h1>
      <Card>
        <ColumnForm
          action={createColumnAction}
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
