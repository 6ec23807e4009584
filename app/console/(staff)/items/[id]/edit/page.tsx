import { notFound } from "next/navigation";
import { ItemForm } from "@/components/items/item-form";
import { Card } from "@/components/ui/card";
import { chinaDate } from "@/lib/domain/dates";
import { htmlToPlainText } from "@/lib/domain/item";
import { requireActor } from "@/lib/server/auth";
import { getItemForStaff, listCategoriesForForm } from "@/lib/server/work-queue";
import { updateItemAction } from "../../../actions";

export const metadata = { title: "修改公开信息" };

export default async function EditItemPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const item = await getItemForStaff(actor, (await params).id);
  if (!item) notFound();
  if (!item.allowed.includes("edit")) notFound();
  const r = item.revision;
  return (
    <Card title="修改公开信息">
      <ItemForm
        action={updateItemAction.bind(null, item.id, r.id)}
        categories={await listCategoriesForForm()}
        initial={{ title: r.title, categoryId: item.category.id, documentNumber: r.documentNumber ?? "", formedOn: r.formedOn, body: htmlToPlainText(r.bodyHtml) }}
        today={chinaDate(new Date())}
        submitLabel="保存修改"
      />
    </Card>
  );
}
