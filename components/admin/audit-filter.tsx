import { AUDIT_ACTION_LABELS, AUDIT_ENTITIES } from "@/lib/domain/audit";
import type { AuditFilter, AuditFilterErrors } from "@/lib/server/admin/audit-log";

/** The 审计管理员's filters as a plain GET form: works without script, and the URL can be bookmarked and exported. */
export function AuditFilterForm({ filter, errors, entityLabels }: { filter: AuditFilter; errors: AuditFilterErrors; entityLabels: Record<string, string> }) {
  const input = (invalid: boolean) => `rounded-md border px-3 py-1.5 text-sm ${invalid ? "border-red-600" : "border-gray-300"}`;
  const field = (name: keyof AuditFilter, label: string, control: React.ReactNode) => (
    <div className="space-y-1 text-sm">
      <label htmlFor={`audit-${name}`} className="block text-gray-700">
        {label}
      </label>
      {control}
      {errors[name] && (
        <p id={`audit-${name}-error`} aria-live="polite" className="text-red-700">
          {errors[name]!.join("；")}
        </p>
      )}
    </div>
  );
  const aria = (name: keyof AuditFilter) => ({ id: `audit-${name}`, name, "aria-invalid": errors[name] ? true : undefined, "aria-describedby": errors[name] ? `audit-${name}-error` : undefined });
  return (
    <form method="get" action="/console/audit" className="flex flex-wrap items-end gap-3" aria-label="筛选审计日志">
      {field("user", "用户（姓名或编号）", <input {...aria("user")} defaultValue={filter.user ?? ""} maxLength={64} className={input(!!errors.user)} />)}
      {field(
        "action",
        "操作",
        <select {...aria("action")} defaultValue={filter.action ?? ""} className={input(!!errors.action)}>
          <option value="">全部操作</option>
          {Object.entries(AUDIT_ACTION_LABELS).map(([code, label]) => (
            <option key={code} value={code}>
              {label}
            </option>
          ))}
        </select>,
      )}
      {field(
        "entity",
        "对象类型",
        <select {...aria("entity")} defaultValue={filter.entity ?? ""} className={input(!!errors.entity)}>
          <option value="">全部对象</option>
          {AUDIT_ENTITIES.map((e) => (
            <option key={e} value={e}>
              {entityLabels[e] ?? e}
            </option>
          ))}
        </select>,
      )}
      {field("entityId", "对象编号", <input {...aria("entityId")} defaultValue={filter.entityId ?? ""} maxLength={64} className={input(!!errors.entityId)} />)}
      {field(
        "result",
        "结果",
        <select {...aria("result")} defaultValue={filter.result ?? ""} className={input(!!errors.result)}>
          <option value="">全部结果</option>
          <option value="SUCCESS">成功</option>
          <option value="FAILURE">失败</option>
          <option value="DENIED">拒绝</option>
        </select>,
      )}
      {field("from", "开始日期", <input type="date" {...aria("from")} defaultValue={filter.from ?? ""} className={input(!!errors.from)} />)}
      {field("to", "结束日期", <input type="date" {...aria("to")} defaultValue={filter.to ?? ""} className={input(!!errors.to)} />)}
      <button type="submit" className="rounded-md bg-gov-red px-4 py-1.5 text-sm font-medium text-white hover:bg-gov-red-dark">
        筛选
      </button>
    </form>
  );
}
