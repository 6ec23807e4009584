import { forbidden } from "next/navigation";
import { ItemForm } from "@/components/items/item-form";
import { Card } from "@/components/ui/card";
import { chinaDate } from "@/lib/domain/dates";
import { ALLOWED_EXTENSIONS } from "@/lib/domain/file-kind";
import { blankFormValues } from "@/lib/domain/item-form";
import { env } from "@/lib/env";
import { requireActor } from "@/lib/server/platform/auth";
import { can } from "@/lib/server/platform/authz";
import { getNewItemForm, itemFormOptions } from "@/lib/server/items/views";
import { NEW_ITEM_KEY } from "@/lib/server/items/drafts";
import { autosaveItemAction, createItemAction, discardAutosaveAction } from "../actions";

export const metadata = { title: "起草公开信息" };

export default async function NewItemPage() {
  const actor = await requireActor();
  if (!can(actor, "item.create")) forbidden();
  const today = chinaDate(new Date());
  const [{ columns, channels }, form] = await Promise.all([itemFormOptions(), getNewItemForm(actor)]);
  const defaultChannels = channels.slice(0, 1).map((c) => c.code);
  return (
    <Card title={`起草公开信息 · ${actor.departmentName ?? ""}`}>
      <ItemForm
        action={createItemAction}
        autosave={autosaveItemAction}
        discardAutosave={discardAutosaveAction}
        itemKey={NEW_ITEM_KEY}
        username={actor.username}
        revisionId={null}
        initial={blankFormValues({ publisher: form.publisher, formedOn: today, channels: defaultChannels })}
        serverAutosave={form.autosave}
        columns={columns}
        channels={channels}
        today={today}
        uploadMaxMb={env().UPLOAD_MAX_MB}
        accept={ALLOWED_EXTENSIONS.map((e) => `.${e}`).join(",")}
        submitLabel="保存草稿"
      />
    </Card>
  );
}
