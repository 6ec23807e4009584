import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { formatChineseDate } from "@/lib/domain/dates";
import { outcomeLedgerLabel } from "@/lib/domain/requests/outcomes";
import type { FeePanelProps } from "@/lib/server/requests/fees";
import { FeeNoticeForm, FeePaidForm } from "./fee-forms";

const METHOD: Record<string, string> = { per_piece: "按件计收", per_page: "按量计收" };
const UNIT: Record<string, string> = { per_piece: "件（本自然月第几件）", per_page: "页" };

/**
 * 信息处理费 of one request (国办函〔2020〕109号): the calculator and the 收费通知 while none was
 * issued, then the notice, its 20-working-day window and the payment. Rendered by the request page
 * with feePanelProps(actor, view) (lib/server/requests/fees.ts).
 */
export function FeePanel(props: FeePanelProps) {
  const { requestId, fee, window, canCharge, inProgress } = props;
  return (
    <Card title="信息处理费">
      <div className="space-y-4 text-sm" data-testid="fee-panel">
        {fee ? <IssuedFee {...props} fee={fee} /> : <p>本申请未收取信息处理费。</p>}
        {!fee && canCharge && inProgress && (
          <>
            {props.month && (
              <p className="rounded bg-gray-50 px-3 py-2 text-gray-700">
                按件计收参考：该申请人（按证件号码识别）在 {props.month.month.replace("-", " 年 ")} 月共提交 {props.month.count} 件申请，本件为第 {props.month.ordinal} 件。
              </p>
            )}
            <FeeNoticeForm requestId={requestId} defaultQuantity={props.month?.ordinal ?? null} replyDue={props.replyDue} />
          </>
        )}
        {fee && window && !window.paidOn && !props.offersFeeUnpaid && canCharge && inProgress && <FeePaidForm requestId={requestId} payBy={window.windowEnd} />}
        <p className="text-xs text-gray-600">
          收费标准：按件计收的，申请人每自然月前 10 件免费，第 11–30 件每件 100 元，其后每 10 件为一档、每件递增 100 元；按量计收的，30 页（含）以内免费，31–100 页每页 10
          元，101–200 页每页 20 元，201 页起每页 40 元。一件申请只能选择一种方式。收费通知应在答复期限内发出；申请人自收到通知次日起 20 个工作日内缴费，其间不计入答复期限。
        </p>
      </div>
    </Card>
  );
}

function IssuedFee({ requestId, fee, window, offersFeeUnpaid, noticeSeq }: FeePanelProps & { fee: NonNullable<FeePanelProps["fee"]> }) {
  return (
    <>
      <dl className="grid grid-cols-[8rem_1fr] gap-x-4 gap-y-1">
        <dt className="text-gray-600">计收方式</dt>
        <dd>
          {METHOD[fee.method] ?? fee.method}，{fee.quantity} {UNIT[fee.method] ?? ""}
        </dd>
        <dt className="text-gray-600">应缴金额</dt>
        <dd className="font-semibold">{fee.amountYuan} 元</dd>
        <dt className="text-gray-600">收到通知日期</dt>
        <dd>{formatChineseDate(fee.noticeOn)}</dd>
        {window && (
          <>
            <dt className="text-gray-600">缴费期限</dt>
            <dd>{formatChineseDate(window.windowEnd)}（收到通知次日起 20 个工作日）</dd>
          </>
        )}
        <dt className="text-gray-600">缴费情况</dt>
        <dd>{fee.paidOn ? `已于 ${formatChineseDate(fee.paidOn)} 缴费` : offersFeeUnpaid ? "逾期未缴费" : "待缴费（答复期限暂停计算）"}</dd>
      </dl>
      {noticeSeq !== null && (
        <p>
          收费通知书：
          <a className="text-gov-red underline" href={`/console/requests/${requestId}/notices/${noticeSeq}?format=pdf`}>
            下载 PDF
          </a>
          <span aria-hidden="true"> · </span>
          <a className="text-gov-red underline" href={`/console/requests/${requestId}/notices/${noticeSeq}?format=docx`}>
            下载 Word
          </a>
        </p>
      )}
      {offersFeeUnpaid && window && (
        <Alert tone="info">
          缴费期限已于 {formatChineseDate(window.windowEnd)} 届满，申请人未缴费，视为放弃申请（国办函〔2020〕109号）。可按“{outcomeLedgerLabel("other_2_fee_unpaid")}”答复办结。
        </Alert>
      )}
    </>
  );
}
