/** The standard 政府信息公开 column (DESIGN §6), in the order every such site shows it. */
export const PUBLIC_SECTIONS = [
  { href: "/", label: "首页" },
  { href: "/guide", label: "政府信息公开指南" },
  { href: "/system", label: "政府信息公开制度" },
  { href: "/browse", label: "法定主动公开内容" },
  { href: "/annual-reports", label: "政府信息公开年报" },
  { href: "/apply", label: "依申请公开" },
] as const;
