import { forbidden } from "next/navigation";
import { ItemForm } from "@/components/items/item-form";
import { Card } from "@/components/ui/card";
import { chinaDate } from "@/lib/domain/dates";
import { requireActor } from "@/lib/server/auth";
import { can } from "@/lib/server/authz";
import { listCategoriesForForm } from "@/lib/server/work-queue";
import { createItemAction } from "../../actions";

export const metadata = { title: "起草公开信息" };

export default async function NewItemPage() {
  const actor = await requireActor();
  if (!can(actor, "item.create")) forbidden();
  const today = chinaDate(new Date());
  return (
    <Card title={`起草公开信息 · ${actor.departmentName ?? ""}`}>
      <ItemForm
        action={createItemAction}
        categories={await listCategoriesForForm()}
        initial={{ title: "", categoryId: "", documentNumber: "", formedOn: today, body: "" }}
        today={today}
        submitLabel="保存草稿"
      />
    </Card>
  );
}
