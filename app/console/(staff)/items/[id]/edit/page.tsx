import { notFound } from "next/navigation";
import { ItemForm } from "@/components/items/item-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { chinaDate } from "@/lib/domain/dates";
import { ALLOWED_EXTENSIONS } from "@/lib/domain/file-kind";
import { env } from "@/lib/env";
import { requireActor } from "@/lib/server/platform/auth";
import { getItemForEdit, itemFormOptions } from "@/lib/server/items/views";
import { autosaveItemAction, discardAutosaveAction, updateItemAction } from "../../actions";

export const metadata = { title: "修改公开信息" };

export default async function EditItemPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const item = await getItemForEdit(actor, (await params).id);
  if (!item) notFound();
  const { columns, channels } = await itemFormOptions();
  return (
    <Card title={`修改公开信息 · 第 ${item.revisionNumber} 版`}>
      {item.isLive && (
        <div className="mb-5">
          <Alert tone="info">修改已发布信息将重新送审，公开网站在重新发布前继续显示原版本。</Alert>
        </div>
      )}
      <ItemForm
        action={updateItemAction.bind(null, item.id)}
        autosave={autosaveItemAction}
        discardAutosave={discardAutosaveAction}
        itemKey={item.id}
        username={actor.username}
        revisionId={item.revisionId}
        initial={item.values}
        serverAutosave={item.autosave}
        columns={columns}
        channels={channels}
        today={chinaDate(new Date())}
        uploadMaxMb={env().UPLOAD_MAX_MB}
        accept={ALLOWED_EXTENSIONS.map((e) => `.${e}`).join(",")}
        submitLabel="保存修改"
      />
    </Card>
  );
}
