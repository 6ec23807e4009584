import { appealLedgerTemplate, requestLedgerTemplate } from "@/lib/export/ledger-template";
import { getActor } from "@/lib/server/platform/auth";
import { can } from "@/lib/server/platform/authz";
import { isLedgerKind } from "@/lib/server/requests/ledger-upload";

/** GET /console/requests/import/template?kind=requests|appeals&format=xlsx|csv: the 台账 template. */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor || !can(actor, "request.import")) return new Response("未找到该页面，或您无权查看。", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const params = new URL(request.url).searchParams;
  const kind = params.get("kind");
  const format = params.get("format") === "csv" ? "csv" : "xlsx";
  if (!isLedgerKind(kind)) return new Response("模板类型无效。", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const bytes = kind === "requests" ? await requestLedgerTemplate(format) : await appealLedgerTemplate(format);
  const name = `${kind === "requests" ? "依申请公开台账模板" : "行政复议诉讼台账模板"}.${format}`;
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${kind}-template.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": "no-store",
    },
  });
}
