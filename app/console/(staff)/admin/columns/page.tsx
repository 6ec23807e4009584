import Link from "next/link";
import { forbidden } from "next/navigation";
import { DeleteColumnForm } from "@/components/admin/column-form";
import { MoveButtons } from "@/components/admin/move-buttons";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { requiredStages, STAGE_LABELS } from "@/lib/domain/workflow";
import { listColumnsForAdmin } from "@/lib/server/admin/columns";
import { requireActor } from "@/lib/server/platform/auth";
import { deleteColumnAction, moveColumnAction } from "../actions";

export const metadata = { title: "栏目管理" };

function notice(done?: string, inReview?: string) {
  if (done === "created") return "已新建栏目。";
  if (done !== "saved") return null;
  const kept = Number(inReview);
  return kept > 0 ? `已保存。审核环节的修改对此后提交的信息生效；${kept} 条审核中的信息仍按提交时的环节办理。` : "已保存。";
}

export default async function ColumnsPage({ searchParams }: { searchParams: Promise<{ done?: string; inReview?: string }> }) {
  const columns = await listColumnsForAdmin(await requireActor());
  if (!columns) forbidden();
  const { done, inReview } = await searchParams;
  const message = notice(done, inReview);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">栏目管理</h1>
        <Link href="/console/admin/columns/new" className={buttonClass()}>
          ＋ 新建栏目
        </Link>
      </div>
      {message && <Alert tone="success">{message}</Alert>}
      <Card title="栏目与审核环节">
        <p className="mb-4 text-sm text-gray-600">保密审查对所有栏目始终需要。已有信息的栏目不能删除，其代码也不能修改。</p>
        <DataTable columns={["顺序", "栏目", "代码", "审核环节", "信息（审核中）", "操作"]}>
          {columns.map((c) => (
            <tr key={c.id} data-column={c.code}>
              <td className="py-2 pe-3">
                <MoveButtons action={moveColumnAction} id={c.id} name={c.name} first={c.first} last={c.last} version={c.orderVersion} />
              </td>
              <th scope="row" className={`py-2 pe-3 font-medium ${c.depth === 2 ? "ps-6" : ""}`}>
                {c.depth === 2 && <span aria-hidden="true" className="me-1 text-gray-400">└</span>}
                {c.name}
              </th>
              <td className="py-2 pe-3 font-mono text-xs">{c.code}</td>
              <td className="py-2 pe-3" data-testid="stages">{requiredStages(c).map((s) => STAGE_LABELS[s]).join(" → ")}</td>
              <td className="py-2 pe-3">
                {c.items}
                {c.inReview > 0 && <span className="text-gray-500">（{c.inReview}）</span>}
              </td>
              <td className="py-2">
                <div className="flex items-center gap-2">
                  <Link href={`/console/admin/columns/${c.id}`} className="text-gov-red hover:underline" aria-label={`编辑 ${c.name}`}>
                    编辑
                  </Link>
                  {c.items === 0 && c.children === 0 && <DeleteColumnForm action={deleteColumnAction} id={c.id} name={c.name} version={c.version} />}
                </div>
              </td>
            </tr>
          ))}
        </DataTable>
      </Card>
    </div>
  );
}
