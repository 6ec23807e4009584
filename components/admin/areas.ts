import type { Permission } from "@/lib/server/platform/authz";

/** The areas of office administration (公开办) and the permission each needs. */
export const ADMIN_AREAS: { href: string; label: string; permission: Permission; description: string }[] = [
  { href: "/console/admin/departments", label: "处室管理", permission: "department.manage", description: "处室的名称、顺序和分管领导" },
  { href: "/console/admin/columns", label: "栏目管理", permission: "column.manage", description: "栏目树、顺序、代码和各栏目的审核环节" },
  { href: "/console/admin/channels", label: "发布渠道", permission: "channel.manage", description: "本机关网站、市政务公开专栏、微信公众号等" },
  { href: "/console/admin/targets", label: "月度目标", permission: "target.manage", description: "各处室每月应公开的信息条数" },
  { href: "/console/admin/letters", label: "文书模板", permission: "letter.manage", description: "依申请公开的答复书、告知书模板：措辞、段落和附注" },
];
