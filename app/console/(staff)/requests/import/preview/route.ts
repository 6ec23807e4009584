import { NextResponse } from "next/server";
import { readCapped } from "@/app/api/uploads/receive-upload";
import { isSameOrigin } from "@/lib/server/items/attachments";
import { getActor } from "@/lib/server/platform/auth";
import { isLedgerKind, previewLedger, refuseUnlessMayImport } from "@/lib/server/requests/ledger-upload";
import { LEDGER_MAX_BYTES } from "@/lib/server/requests/ledger-file";

/**
 * POST /console/requests/import/preview?kind=requests|appeals: the 台账 file as the raw body (its
 * name URI-encoded in X-File-Name), read up to the import's size cap. Answers the preview: every
 * bad row, or the first rows and an uploadId to confirm. A route, not an action: an action's body
 * is capped at 1 MB and a 10,000-row CSV is larger.
 */
export async function POST(request: Request) {
  if (!isSameOrigin(request)) return answer(403, "请求来源无效，请刷新页面后重试。");
  const actor = await getActor();
  if (!actor) return answer(401, "登录已过期，请重新登录。");
  const kind = new URL(request.url).searchParams.get("kind");
  if (!isLedgerKind(kind)) return answer(400, "请选择导入依申请公开台账还是行政复议、诉讼台账。");
  // Refused before the body is read: no other role can make the server buffer a file.
  const denied = await refuseUnlessMayImport(actor, kind);
  if (denied) return answer(403, denied.message);
  let fileName: string;
  try {
    fileName = decodeURIComponent(request.headers.get("x-file-name") ?? "").slice(0, 200);
  } catch {
    return answer(400, "文件名无效。");
  }
  if (!fileName) return answer(400, "请选择要导入的文件。");
  const tooBig = `文件超过 ${LEDGER_MAX_BYTES / 1024 / 1024} MB，请拆分为几个文件分别导入。`;
  if (Number(request.headers.get("content-length") ?? "0") > LEDGER_MAX_BYTES) return answer(413, tooBig);
  const bytes = await readCapped(request, LEDGER_MAX_BYTES);
  if (!bytes) return answer(413, tooBig);
  const result = await previewLedger(actor, kind, fileName, bytes);
  if (!result.ok) return answer(result.error === "forbidden" ? 403 : 422, result.message);
  return NextResponse.json(result.value, { headers: { "Cache-Control": "no-store" } });
}

function answer(status: number, message: string) {
  return NextResponse.json({ message }, { status, headers: { "Cache-Control": "no-store" } });
}
