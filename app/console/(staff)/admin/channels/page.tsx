import { forbidden } from "next/navigation";
import { ChannelCreateForm, ChannelRowForm } from "@/components/admin/channel-forms";
import { MoveButtons } from "@/components/admin/move-buttons";
import { Card } from "@/components/ui/card";
import { listChannelsForAdmin } from "@/lib/server/admin/channels";
import { requireActor } from "@/lib/server/platform/auth";
import { createChannelAction, moveChannelAction, updateChannelAction } from "../actions";

export const metadata = { title: "发布渠道" };

export default async function ChannelsPage() {
  const channels = await listChannelsForAdmin(await requireActor());
  if (!channels) forbidden();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">发布渠道</h1>
      <Card title="渠道">
        <p className="mb-4 text-sm text-gray-600">停用的渠道不再供新信息选择；已选用它的信息不受影响。渠道不能删除。</p>
        {channels.length === 0 ? (
          <p className="text-sm text-gray-500">尚无发布渠道。</p>
        ) : (
          <ol className="divide-y divide-gray-100">
            {channels.map((c, i) => (
              <li key={c.id} data-channel={c.code} className="flex flex-col gap-3 py-4 sm:flex-row sm:items-start">
                <div className="flex items-center gap-3 sm:w-40 sm:pt-6">
                  <MoveButtons action={moveChannelAction} id={c.id} name={c.name} first={i === 0} last={i === channels.length - 1} version={c.orderVersion} />
                  <span className="font-mono text-xs text-gray-500" title="渠道代码">{c.code}</span>
                </div>
                <div className="flex-1">
                  <ChannelRowForm action={updateChannelAction} channel={c} />
                </div>
              </li>
            ))}
          </ol>
        )}
      </Card>
      <Card title="新建渠道">
        <ChannelCreateForm action={createChannelAction} />
      </Card>
    </div>
  );
}
