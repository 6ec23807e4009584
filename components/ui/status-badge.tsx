import { STATUS_LABELS, type ItemStatus } from "@/lib/domain/workflow";

const TONES: Record<ItemStatus, string> = {
  DRAFT: "bg-gray-100 text-gray-700",
  PENDING_DEPT: "bg-amber-50 text-amber-800",
  PENDING_LEADER: "bg-amber-50 text-amber-800",
  PENDING_SECRECY: "bg-orange-50 text-orange-800",
  APPROVED: "bg-blue-50 text-blue-800",
  PUBLISHED: "bg-green-50 text-green-800",
  RETURNED: "bg-red-50 text-red-800",
  REJECTED: "bg-gray-200 text-gray-700",
  WITHDRAWN: "bg-gray-200 text-gray-700",
  REFERRED: "bg-purple-50 text-purple-800",
};

export function StatusBadge({ status }: { status: ItemStatus }) {
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium whitespace-nowrap ${TONES[status]}`}>{STATUS_LABELS[status]}</span>;
}
