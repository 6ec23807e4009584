import { forbidden } from "next/navigation";
import { RetryJobForm } from "@/components/console/jobs/retry-job-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { formatChineseDateTime } from "@/lib/domain/dates";
import { requireActor } from "@/lib/server/platform/auth";
import { jobsOverview, type JobRow } from "@/lib/server/jobs/dead-letters";
import { retryDeadJobAction } from "./actions";
import { DataTable } from "@/components/ui/data-table";

export const metadata = { title: "任务队列" };

const time = (d: Date | null) => (d ? formatChineseDateTime(d) : "—");

export default async function JobsPage() {
  const actor = await requireActor();
  const overview = await jobsOverview(actor);
  if (!overview) forbidden();
  return (
    <div className="space-y-4">
      {!overview.installed && <Alert>任务队列尚未启动：应用启动时会自动创建（数据库中的 pgboss 模式）。</Alert>}
      <Card title="任务队列">
        <p className="mb-3 text-sm text-gray-600">
          附件文字提取和每日清理未使用的上传文件（北京时间 03:30）在后台执行。失败的任务会按间隔递增自动重试；重试用尽后进入“失败待处理”，可在下方重新执行。
        </p>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="job-queues">
            <thead className="border-b border-gray-200 text-gray-600">
              <tr>
                <th scope="col" className="py-2 pe-4">任务</th>
                <th scope="col" className="py-2 pe-4">排队中</th>
                <th scope="col" className="py-2 pe-4">执行中</th>
                <th scope="col" className="py-2 pe-4">已失败</th>
                <th scope="col" className="py-2">失败待处理</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {overview.queues.map((q) => (
                <tr key={q.name}>
                  <td className="py-2 pe-4">{q.label}<span className="ms-2 font-mono text-xs text-gray-500">{q.name}</span></td>
                  <td className="py-2 pe-4">{q.queued}</td>
                  <td className="py-2 pe-4">{q.active}</td>
                  <td className="py-2 pe-4">{q.failed}</td>
                  <td className="py-2">{q.dead}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <Card title={`失败待处理（${overview.dead.length}）`}>
        {overview.dead.length === 0 ? <p className="text-sm text-gray-600">没有重试用尽的任务。</p> : <JobTable rows={overview.dead} retry />}
      </Card>
      <Card title={`最近失败的执行（${overview.failed.length}）`}>
        {overview.failed.length === 0 ? <p className="text-sm text-gray-600">没有失败的任务。</p> : <JobTable rows={overview.failed} />}
      </Card>
    </div>
  );
}

function JobTable({ rows, retry }: { rows: JobRow[]; retry?: boolean }) {
  return (
    <DataTable columns={["任务", "参数", "错误信息", "尝试次数", retry ? "进入失败队列" : "创建", !retry && "失败于", retry && "操作"]}>
      {rows.map((j) => (
        <tr key={j.id} data-job-id={j.id}>
          <td className="py-2 pe-3">{j.label}</td>
          <td className="py-2 pe-3 font-mono text-xs break-all">{j.payload}</td>
          <td className="py-2 pe-3 break-all">{j.error}</td>
          <td className="py-2 pe-3">{j.attempts}</td>
          <td className="py-2 pe-3 whitespace-nowrap">{time(j.createdAt)}</td>
          {!retry && <td className="py-2 pe-3 whitespace-nowrap">{time(j.endedAt)}</td>}
          {retry && <td className="py-2"><RetryJobForm action={retryDeadJobAction} jobId={j.id} /></td>}
        </tr>
      ))}
    </DataTable>
  );
}
