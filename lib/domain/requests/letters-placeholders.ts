/*
 * The {占位符} a letter template may use: the names the office sees when it edits a template, so
 * they are Chinese. `kind: "date"` values are given as YYYY-MM-DD and printed 2026年11月30日;
 * a "lines" value may hold several lines, each printed as its own paragraph.
 */

export interface PlaceholderDef {
  kind: "text" | "date" | "lines";
  /** What to fill in: shown beside the field and in the missing-field message. */
  hint: string;
}

const text = (hint: string): PlaceholderDef => ({ kind: "text", hint });
const date = (hint: string): PlaceholderDef => ({ kind: "date", hint });
const lines = (hint: string): PlaceholderDef => ({ kind: "lines", hint });

export const PLACEHOLDERS = {
  // ── Every letter ──
  机关名称: text("作出文书的行政机关全称，印在版头和落款，如 吉林市科学技术局"),
  文号: text("本机关的文号，如 吉市科技公开〔2026〕第3号"),
  申请人: text("申请人姓名或者名称"),
  收到日期: date("收到申请之日（条例第三十一条）"),
  申请内容: text("申请人所描述的申请公开的政府信息"),
  法律依据: text("答复所依据的条款，如 《中华人民共和国政府信息公开条例》第三十六条第（四）项"),
  答复日期: date("答复书的成文日期"),
  成文日期: date("告知书、通知书、函或者回执的成文日期"),
  复议机关: text("行政复议机关，如 吉林市人民政府"),
  联系电话: text("本机关政府信息公开工作机构的联系电话"),
  告知内容: lines("需要向申请人说明的具体情况或者理由"),
  附件: text("随文提供的附件名称"),
  // ── 予以公开 / 部分公开 ──
  信息名称: text("提供或者已主动公开的政府信息的名称"),
  提供方式: text("提供政府信息的形式和途径，如 电子邮件发送至您预留的邮箱"),
  索引号: text("已主动公开信息的索引号"),
  公开网址: text("已主动公开信息的网址"),
  不予公开内容: text("部分公开时不予公开的部分"),
  不予公开理由: lines("不予公开的理由"),
  // ── 不予公开 ──
  禁止公开依据: text("禁止公开该信息的法律、行政法规及其条款"),
  征询情况: text("书面征求第三方意见的经过和第三方的意见（条例第三十二条）"),
  特别规定: text("对信息获取有特别规定的法律、行政法规，如 《不动产登记暂行条例》"),
  // ── 无法提供 ──
  检索情况: text("本机关检索的范围和方式"),
  责任机关: text("负责公开该信息的行政机关名称"),
  责任机关联系方式: text("负责公开该信息的行政机关的联系方式"),
  补正告知日期: date("补正告知书的告知日期"),
  补正收到日期: date("收到补正的日期"),
  补正期限: date("补正期限的最后一日"),
  // ── 不予处理 ──
  信访渠道: text("受理信访、投诉、举报的渠道"),
  原答复日期: date("前次答复的日期"),
  原答复文号: text("前次答复的文号"),
  出版物名称: text("公开出版物的名称"),
  获取途径: text("获取公开出版物的途径"),
  说明理由日期: date("要求申请人说明理由的日期（条例第三十五条）"),
  // ── 告知书、通知书 ──
  补正事项: lines("需要补正的事项，一次性列明，并说明如何补正"),
  延期理由: text("需要延长答复期限的理由"),
  原答复期限: date("延长前的答复期限"),
  延长工作日数: text("延长的工作日数（1至20）"),
  新答复期限: date("延长后的答复期限"),
  第三方: text("被征求意见的第三方名称或者姓名"),
  征询信息: text("拟公开的、可能损害第三方权益的政府信息"),
  回复地址: text("第三方提交书面意见的地址"),
  收费通知日期: date("收费通知书的成文日期"),
  收费明细: lines("收费的计算过程，按件或者按量"),
  收费金额: text("应缴信息处理费金额（元）"),
  缴费方式: text("缴费方式，如 银行转账的收款账户"),
  缴费期限: date("缴费期限的最后一日"),
  // ── 回执 ──
  申请方式: text("提出申请的渠道，如 在线申请"),
  查询码: text("申请人查询办理进度的查询码"),
  收到日规则: text("适用的收到日规则（条例第三十一条）"),
  查询网址: text("查询办理进度的网址"),
  答复期限: date("答复期限的最后一日"),
  期限说明: text("答复期限的补充说明，如 跨年节假日尚未公布"),
} as const satisfies Record<string, PlaceholderDef>;

export type Placeholder = keyof typeof PLACEHOLDERS;

export const PLACEHOLDER_NAMES = Object.keys(PLACEHOLDERS) as Placeholder[];

export function isPlaceholder(name: string): name is Placeholder {
  return Object.hasOwn(PLACEHOLDERS, name);
}
