/**
 * What the audit log (审计日志) records, as closed lists: a use case can only name an action that
 * is listed here, so the 审计管理员's filters and labels cover every row the system writes.
 */
export const AUDIT_ACTION_LABELS = {
  "auth.login": "登录",
  "auth.logout": "退出登录",
  "item.create": "起草信息",
  "item.update": "修改信息",
  "item.autosave": "自动保存（仅记录被拒绝的）",
  "item.submit": "提交审核",
  "item.review.approve": "审核同意",
  "item.review.return": "审核退回",
  "item.review.reject": "不予公开",
  "item.review.refer": "报送保密行政管理部门",
  "item.publish": "发布",
  "item.republish": "重新发布",
  "item.withdraw": "撤回",
  "file.upload": "上传附件",
  "department.create": "新建处室",
  "department.update": "修改处室",
  "department.reorder": "调整处室顺序",
  "column.create": "新建栏目",
  "column.update": "修改栏目",
  "column.delete": "删除栏目",
  "column.reorder": "调整栏目顺序",
  "channel.create": "新建发布渠道",
  "channel.update": "修改发布渠道",
  "channel.reorder": "调整发布渠道顺序",
  "target.save": "保存月度目标",
  "site.settings.update": "修改站点设置",
  "calendar.set": "设置工作日历",
  "calendar.remove": "恢复工作日历",
  "calendar.coverage": "确认节假日年度",
  "user.disable": "停用用户",
  "user.enable": "启用用户",
  "job.retry": "重新执行后台任务",
  "files.cleanup": "清理未引用文件",
  "request.submit": "在线提交依申请公开申请",
  "request.confirm": "确认在线申请",
  "request.register": "登记依申请公开申请",
  "request.assign": "分派承办处室",
  "request.event": "登记办理事项（补正、征求意见、延期等）",
  "request.view": "查看申请人信息",
  "request.reply.draft": "起草答复",
  "request.reply.approve": "审核同意答复",
  "request.reply.return": "退回答复",
  "request.deliver": "送达答复并办结",
  "request.fee.notice": "发出收费通知",
  "request.fee.paid": "登记缴费",
  "request.import": "导入依申请公开台账",
  "request.draftItem": "据申请起草主动公开信息（条例第四十四条）",
  "request.remind": "发送依申请公开到期提醒",
  "appeal.create": "登记行政复议或诉讼",
  "appeal.update": "修改行政复议或诉讼",
  "appeal.import": "导入行政复议和诉讼台账",
} as const;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];

export const AUDIT_ENTITIES = [
  "DisclosureItem",
  "StoredFile",
  "Department",
  "Column",
  "Channel",
  "MonthlyTarget",
  "SiteSetting",
  "CalendarDay",
  "User",
  "Job",
  "DisclosureRequest",
  "AppealCase",
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

export type AuditResult = "SUCCESS" | "FAILURE" | "DENIED";
