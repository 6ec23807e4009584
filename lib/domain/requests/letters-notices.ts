import { PERIODS } from "../deadlines";
import type { Fee } from "./fees";
import type { LetterFields, LetterTemplate, TemplateParagraph } from "./letters";

/*
 * The notices of a request's life: 补正告知书 (第三十条), 延期答复告知书 (第三十三条第二款),
 * 第三方意见征询函 (第三十二条), 收费通知书 (第四十二条, 国办函〔2020〕109号) and the applicant's
 * 受理回执 (第三十一条). Procedural notices carry no 救济途径: nothing is decided yet. The 收费通知
 * does — it imposes a charge on the applicant (our reading; 109号 says nothing of remedies).
 */

export const NOTICE_KINDS = ["correction", "extension", "third_party", "fee", "receipt", "receipt_pending"] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

const p = (text: string, extra: Omit<TemplateParagraph, "text"> = {}): TemplateParagraph => ({ text, ...extra });
const OPENING = p("本机关于{收到日期}收到您的政府信息公开申请，申请获取“{申请内容}”。");
const CONTACT = p("联系电话：{联系电话}", { indent: false });

const notice = (title: string, paragraphs: TemplateParagraph[], extra: Partial<LetterTemplate> = {}): LetterTemplate => ({
  title,
  salutation: "{申请人}：",
  paragraphs,
  remedy: "none",
  numbered: true,
  dateField: "成文日期",
  selfName: "本通知",
  ...extra,
});

export const DEFAULT_NOTICE_TEMPLATES: Record<NoticeKind, LetterTemplate> = {
  correction: notice("政府信息公开申请补正告知书", [
    OPENING,
    p("经审查，您的申请内容不明确。根据《中华人民共和国政府信息公开条例》第三十条的规定，现一次性告知您需要补正的事项如下："),
    p("{补正事项}"),
    p("请您于{补正期限}前向本机关提交补正后的申请，答复期限自本机关收到补正的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。联系电话：{联系电话}。"),
  ]),
  extension: notice("政府信息公开申请延期答复告知书", [
    OPENING,
    p("因{延期理由}，本机关不能在{原答复期限}前作出答复。根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长{延长工作日数}个工作日，延长至{新答复期限}。"),
    p("特此告知。"),
    CONTACT,
  ]),
  // To the third party: the applicant is not named (the third party needs the information, not who asked).
  third_party: notice(
    "政府信息公开第三方意见征询函",
    [
      p("本机关于{收到日期}收到一份政府信息公开申请，申请公开{征询信息}。经审查，该政府信息的公开可能损害您（贵单位）的合法权益。根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求您（贵单位）的意见。"),
      p("请自收到本函之日起15个工作日内，向本机关书面提出是否同意公开的意见；不同意公开的，请说明理由。书面意见请寄送或者送达：{回复地址}。"),
      p("逾期未提出意见的，由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开。不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知您（贵单位）。"),
      CONTACT,
    ],
    { salutation: "{第三方}：", selfName: "本函" },
  ),
  fee: notice(
    "政府信息公开信息处理费收费通知书",
    [
      OPENING,
      p("经审查，您申请公开政府信息的数量、频次明显超过合理范围。根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，本机关依法收取信息处理费，计算如下："),
      p("{收费明细}"),
      p("应缴金额：人民币{收费金额}元。"),
      p("缴费方式：{缴费方式}。"),
      p("请您自收到本通知之次日起20个工作日内缴纳。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。"),
      CONTACT,
    ],
    { remedy: "standard" },
  ),
  receipt: notice(
    "政府信息公开申请受理回执",
    [
      p("您提出的政府信息公开申请本机关已收到，申请获取“{申请内容}”。"),
      p("申请方式：{申请方式}\n收到申请之日：{收到日期}\n查询码：{查询码}", { indent: false }),
      p("{收到日规则}"),
      p("本机关将自收到申请之日起20个工作日内，即不晚于{答复期限}作出答复；征求第三方和其他机关意见所需时间不计算在内（《中华人民共和国政府信息公开条例》第三十三条）。申请内容不明确的，本机关将自收到申请之日起7个工作日内一次性告知您补正；需要延长答复期限的，本机关将另行告知。"),
      p("{期限说明}", { optional: true }),
      p("请妥善保管查询码。您可以凭查询码在{查询网址}查询办理进度，并在答复后下载答复书；查询页面只显示办理状态和日期，不显示个人信息。"),
      CONTACT,
    ],
    { numbered: false },
  ),
  receipt_pending: notice(
    "政府信息公开申请提交回执",
    [
      p("您提出的政府信息公开申请已提交，申请获取“{申请内容}”。"),
      p("申请方式：{申请方式}\n查询码：{查询码}", { indent: false }),
      p("{收到日规则}本机关确认后，将以确认之日为收到申请之日，自该日起计算答复期限。"),
      p("请妥善保管查询码。您可以凭查询码在{查询网址}查询办理进度，并在答复后下载答复书；查询页面只显示办理状态和日期，不显示个人信息。"),
      CONTACT,
    ],
    { numbered: false },
  ),
};

/** The 收费通知's 收费明细 and 收费金额 from computeFee: the same arithmetic the clerk checked. */
export function feeFields(fee: Fee): Pick<LetterFields, "收费明细" | "收费金额"> {
  return { 收费明细: fee.text.join("\n"), 收费金额: String(fee.totalYuan) };
}

export interface ExtensionFacts {
  originalDue: string;
  newDue: string;
  days: number;
  /** 政府信息公开工作机构负责人 who agreed (第三十三条第二款): recorded, not printed. */
  approver: string;
  /** The day the notice is dated and sent. */
  noticeOn: string;
  reason: string;
}

export type ExtensionRefusal = "no_approver" | "days_out_of_range" | "after_due" | "no_reason";

export const EXTENSION_REFUSAL_MESSAGES: Record<ExtensionRefusal, string> = {
  no_approver: "延长答复期限须经政府信息公开工作机构负责人同意，请填写批准人。",
  days_out_of_range: "延长的期限最长不得超过20个工作日（条例第三十三条第二款）。",
  after_due: "延期答复告知书应在原答复期限届满前发出。",
  no_reason: "请填写需要延长答复期限的理由。",
};

/** The 延期答复告知书's fields, or why no such notice may go out. */
export function extensionFields(f: ExtensionFacts): { ok: true; fields: LetterFields } | { ok: false; reason: ExtensionRefusal; message: string } {
  const refuse = (reason: ExtensionRefusal) => ({ ok: false as const, reason, message: EXTENSION_REFUSAL_MESSAGES[reason] });
  if (!f.approver.trim()) return refuse("no_approver");
  if (!Number.isInteger(f.days) || f.days < 1 || f.days > PERIODS.maxExtension) return refuse("days_out_of_range");
  if (f.noticeOn > f.originalDue) return refuse("after_due");
  if (!f.reason.trim()) return refuse("no_reason");
  return {
    ok: true,
    fields: { 延期理由: f.reason, 原答复期限: f.originalDue, 新答复期限: f.newDue, 延长工作日数: String(f.days), 成文日期: f.noticeOn },
  };
}
