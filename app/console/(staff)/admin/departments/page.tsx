import { forbidden } from "next/navigation";
import { DepartmentCreateForm, DepartmentRowForm } from "@/components/admin/department-forms";
import { MoveButtons } from "@/components/admin/move-buttons";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/server/platform/auth";
import { listDepartmentsForAdmin } from "@/lib/server/admin/departments";
import { createDepartmentAction, moveDepartmentAction, updateDepartmentAction } from "../actions";

export const metadata = { title: "处室管理" };

export default async function DepartmentsPage() {
  const data = await listDepartmentsForAdmin(await requireActor());
  if (!data) forbidden();
  const { departments, leaders } = data;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">处室管理</h1>
      <Card title="处室与分管领导">
        <p className="mb-4 text-sm text-gray-600">
          分管领导负责本处室信息的第二道审核。更换分管领导后，已在“待分管领导审核”的信息转由新的分管领导审核。
        </p>
        <ol className="divide-y divide-gray-100">
          {departments.map((d, i) => (
            <li key={d.id} data-department={d.code} className="flex flex-col gap-3 py-4 sm:flex-row sm:items-start">
              <div className="flex items-center gap-3 sm:w-40 sm:pt-6">
                <MoveButtons action={moveDepartmentAction} id={d.id} name={d.name} first={i === 0} last={i === departments.length - 1} version={data.orderVersion} />
                <span className="font-mono text-xs text-gray-500" title="处室代码">{d.code}</span>
              </div>
              <div className="flex-1">
                <DepartmentRowForm action={updateDepartmentAction} department={d} leaders={leaders} />
                <p className="mt-1 text-xs text-gray-500">本处室用户 {d.members} 人</p>
              </div>
            </li>
          ))}
        </ol>
      </Card>
      <Card title="新建处室">
        <DepartmentCreateForm action={createDepartmentAction} leaders={leaders} />
      </Card>
    </div>
  );
}
