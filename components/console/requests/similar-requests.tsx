import Link from "next/link";
import { draftItemFromRequestAction } from "@/app/console/(staff)/requests/similar-actions";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/server/platform/auth";
import { similarRequests } from "@/lib/server/requests/similar";
import { DraftFromRequestButton } from "./draft-from-request-button";

/**
 * 相似申请 on a request's page (条例第四十四条): the other requests in the viewer's scope that ask
 * for the same information, and — once several applicants did — the suggestion to publish it
 * proactively, with the one-click draft for the 承办处室's 联络员. Renders nothing when there are
 * no likenesses (or the request is out of scope: the page itself answers that).
 */
export async function SimilarRequests({ requestId }: { requestId: string }) {
  const actor = await requireActor();
  const result = await similarRequests(actor, requestId);
  if (!result.ok || (result.value.matches.length === 0 && !result.value.proactiveItem)) return null;
  const v = result.value;
  return (
    <Card title={`相似申请（${v.matches.length}）`}>
      <div className="space-y-4" data-testid="similar-requests">
        {v.suggest && (
          <p className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" role="note">
            已有 {v.matches.filter((m) => m.counts).length} 件相似申请（共 {v.applicants} 个申请人）— 建议依《条例》第四十四条纳入主动公开。
          </p>
        )}
        <table className="w-full text-left text-sm">
          <caption className="sr-only">相似申请</caption>
          <thead className="text-xs text-gray-600">
            <tr>
              <th scope="col" className="py-1 pr-3 font-medium">编号</th>
              <th scope="col" className="py-1 pr-3 font-medium">收到日</th>
              <th scope="col" className="py-1 pr-3 font-medium">承办处室</th>
              <th scope="col" className="py-1 pr-3 font-medium">办理结果</th>
              <th scope="col" className="py-1 font-medium">相似度</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {v.matches.map((m) => (
              <tr key={m.id}>
                <td className="py-1.5 pr-3">
                  <Link href={`/console/requests/${m.id}`} className="text-gov-red hover:underline">{m.number ?? "（未编号）"}</Link>
                </td>
                <td className="py-1.5 pr-3 tabular-nums">{m.receivedOn ?? "待确认"}</td>
                <td className="py-1.5 pr-3">{m.department ?? "未分办"}</td>
                <td className="py-1.5 pr-3">{m.outcomeLabel ?? m.statusLabel}</td>
                <td className="py-1.5 tabular-nums">{Math.round(m.score * 100)}%</td>
              </tr>
            ))}
          </tbody>
        </table>
        {v.proactiveItem ? (
          <p className="text-sm">
            已据此起草主动公开信息：
            <Link href={`/console/items/${v.proactiveItem.id}`} className="text-gov-red hover:underline">{v.proactiveItem.title || "（无标题）"}</Link>
          </p>
        ) : v.suggest && v.mayDraft ? (
          <DraftFromRequestButton action={draftItemFromRequestAction} requestId={v.requestId} />
        ) : v.suggest ? (
          <p className="text-xs text-gray-600">主动公开信息由承办处室的联络员起草。</p>
        ) : null}
      </div>
    </Card>
  );
}
