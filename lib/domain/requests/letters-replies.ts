import type { LetterTemplate, TemplateParagraph } from "./letters";
import type { Outcome } from "./outcomes";

/*
 * The default 答复书 per outcome (条例 第三十六条 and the articles it points to). An outcome may
 * have more than one letter: 予以公开 is either "provided" (第三十六条第二项) or "already
 * published, here is where" (第一项); 本机关不掌握 is either 信息不存在 (第四项) or 非本机关负责公开
 * (第五项). Each letter names the article it rests on through {法律依据} = `basis`, and ends with
 * the 救济途径: 复议前置 for every 不予公开 and 部分公开 (行政复议法 第二十三条第一款第四项).
 */

const 条例 = "《中华人民共和国政府信息公开条例》";

export const REPLY_TEMPLATE_KEYS = [
  "granted",
  "granted_published",
  "partial",
  "deny_1_state_secret",
  "deny_2_law_forbidden",
  "deny_3_three_safety",
  "deny_4_third_party",
  "deny_5_internal",
  "deny_6_process",
  "deny_7_enforcement_file",
  "deny_8_query",
  "unable_1_not_held",
  "unable_1_not_ours",
  "unable_2_needs_creation",
  "unable_3_unclear",
  "noproc_1_petition",
  "noproc_2_repeat",
  "noproc_3_publication",
  "noproc_4_mass_repeat",
  "noproc_5_confirm",
  "other_1_no_correction",
  "other_2_fee_unpaid",
  "other_3_other",
] as const;
export type ReplyTemplateKey = (typeof REPLY_TEMPLATE_KEYS)[number];

/** The outcome (年报 table 三 row) each letter records. */
export const REPLY_TEMPLATE_OUTCOME: Record<ReplyTemplateKey, Outcome> = {
  granted: "granted",
  granted_published: "granted",
  partial: "partial",
  deny_1_state_secret: "deny_1_state_secret",
  deny_2_law_forbidden: "deny_2_law_forbidden",
  deny_3_three_safety: "deny_3_three_safety",
  deny_4_third_party: "deny_4_third_party",
  deny_5_internal: "deny_5_internal",
  deny_6_process: "deny_6_process",
  deny_7_enforcement_file: "deny_7_enforcement_file",
  deny_8_query: "deny_8_query",
  unable_1_not_held: "unable_1_not_held",
  unable_1_not_ours: "unable_1_not_held",
  unable_2_needs_creation: "unable_2_needs_creation",
  unable_3_unclear: "unable_3_unclear",
  noproc_1_petition: "noproc_1_petition",
  noproc_2_repeat: "noproc_2_repeat",
  noproc_3_publication: "noproc_3_publication",
  noproc_4_mass_repeat: "noproc_4_mass_repeat",
  noproc_5_confirm: "noproc_5_confirm",
  other_1_no_correction: "other_1_no_correction",
  other_2_fee_unpaid: "other_2_fee_unpaid",
  other_3_other: "other_3_other",
};

/** The letters staff may choose from once they have picked an outcome. */
export function replyTemplatesFor(outcome: Outcome): ReplyTemplateKey[] {
  return REPLY_TEMPLATE_KEYS.filter((k) => REPLY_TEMPLATE_OUTCOME[k] === outcome);
}

const p = (text: string, extra: Omit<TemplateParagraph, "text"> = {}): TemplateParagraph => ({ text, ...extra });
const OPENING = p("本机关于{收到日期}收到您的政府信息公开申请，申请获取“{申请内容}”。");
const EXPLAIN = p("{告知内容}", { optional: true });
const ATTACHMENT = p("附件：{附件}", { optional: true, afterRemedy: true });

function reply(basis: string, remedy: LetterTemplate["remedy"], ...body: TemplateParagraph[]): LetterTemplate {
  return {
    title: "政府信息公开申请答复书",
    salutation: "{申请人}：",
    paragraphs: [OPENING, ...body],
    basis,
    remedy,
    numbered: true,
    dateField: "答复日期",
    attribute: "（此件依申请公开）",
    selfName: "本答复",
  };
}

/** 不予公开 (第三十六条第三项: "告知申请人不予公开并说明理由"), with the exemption's article. */
const deny = (article: string, ...body: TemplateParagraph[]) =>
  reply(`${条例}${article}、第三十六条第（三）项`, "review_first", ...body, p("根据{法律依据}的规定，本机关决定不予公开。"), EXPLAIN);

export const DEFAULT_REPLY_TEMPLATES: Record<ReplyTemplateKey, LetterTemplate> = {
  granted: reply(
    `${条例}第三十六条第（二）项`,
    "standard",
    p("经审查，您申请获取的政府信息属于可以公开的政府信息。根据{法律依据}的规定，本机关予以公开，现向您提供{信息名称}，提供方式：{提供方式}。"),
    EXPLAIN,
    ATTACHMENT,
  ),
  granted_published: reply(
    `${条例}第三十六条第（一）项`,
    "standard",
    p("经查，您申请获取的政府信息本机关已经主动公开。根据{法律依据}的规定，现告知您获取该政府信息的方式和途径："),
    p("信息名称：{信息名称}\n索引号：{索引号}\n网址：{公开网址}", { indent: true }),
    p("您可以通过上述网址查阅、下载该政府信息。"),
    EXPLAIN,
  ),
  partial: reply(
    `${条例}第三十七条、第三十六条第（二）项和第（三）项`,
    "review_first",
    p("经审查，您申请获取的政府信息中含有不应当公开的内容，但是能够作区分处理。根据{法律依据}的规定，本机关向您提供可以公开的部分：{信息名称}，提供方式：{提供方式}。"),
    p("其中，{不予公开内容}不予公开，理由如下："),
    p("{不予公开理由}"),
    EXPLAIN,
    ATTACHMENT,
  ),
  deny_1_state_secret: deny("第十四条", p("经审查，您申请获取的政府信息属于依法确定为国家秘密的政府信息。")),
  deny_2_law_forbidden: deny(
    "第十四条",
    p("经审查，您申请获取的政府信息属于法律、行政法规禁止公开的政府信息，禁止公开的依据为{禁止公开依据}。"),
    p("{不予公开理由}"),
  ),
  deny_3_three_safety: deny(
    "第十四条",
    p("经审查，您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全或者社会稳定，理由如下："),
    p("{不予公开理由}"),
  ),
  deny_4_third_party: deny(
    "第十五条",
    p("经审查，您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，理由如下："),
    p("{不予公开理由}"),
    p("根据《中华人民共和国政府信息公开条例》第三十二条的规定，{征询情况}。", { optional: true }),
  ),
  deny_5_internal: deny(
    "第十六条第一款",
    p("经审查，您申请获取的政府信息属于本机关的内部事务信息（人事管理、后勤管理、内部工作流程等方面的信息），理由如下："),
    p("{不予公开理由}"),
  ),
  deny_6_process: deny(
    "第十六条第二款",
    p("经审查，您申请获取的政府信息属于本机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息，理由如下："),
    p("{不予公开理由}"),
  ),
  deny_7_enforcement_file: deny(
    "第十六条第二款",
    p("经审查，您申请获取的政府信息属于行政执法案卷信息，理由如下："),
    p("{不予公开理由}"),
  ),
  deny_8_query: reply(
    `${条例}第三十六条第（七）项`,
    "review_first",
    p("经审查，您申请获取的信息属于有关法律、行政法规对信息的获取有特别规定的信息。根据{法律依据}的规定，请您依照{特别规定}的规定办理。"),
    EXPLAIN,
  ),
  unable_1_not_held: reply(
    `${条例}第三十六条第（四）项`,
    "standard",
    p("本机关收到申请后，{检索情况}，未检索到您申请获取的政府信息。根据{法律依据}的规定，现告知您：经检索，您申请获取的政府信息不存在。"),
    EXPLAIN,
  ),
  unable_1_not_ours: reply(
    `${条例}第三十六条第（五）项`,
    "standard",
    p("经审查，您申请获取的政府信息不属于本机关负责公开，理由如下："),
    p("{告知内容}"),
    p("根据{法律依据}的规定，现将上述情况告知您。"),
    p("经确定，该政府信息由{责任机关}负责公开，联系方式：{责任机关联系方式}。您可以向该机关提出申请。", { optional: true }),
  ),
  unable_2_needs_creation: reply(
    `${条例}第三十八条`,
    "standard",
    p("经审查，本机关没有您所申请的现成信息，需要对现有政府信息进行加工、分析方能形成，具体情况如下："),
    p("{告知内容}"),
    p("根据{法律依据}的规定，行政机关向申请人提供的信息，应当是已制作或者获取的政府信息，本机关不予提供。"),
  ),
  unable_3_unclear: reply(
    `${条例}第三十条`,
    "standard",
    p("本机关已于{补正告知日期}一次性告知您作出补正，并于{补正收到日期}收到您的补正。经审查，补正后的申请内容仍不明确，具体情况如下："),
    p("{告知内容}"),
    p("本机关无法据此确定您所需的政府信息。根据{法律依据}的规定，本机关无法向您提供。您可以在写明所需政府信息的名称、文号或者便于本机关查询的其他特征性描述后重新提出申请。"),
  ),
  noproc_1_petition: reply(
    `${条例}第三十九条第一款`,
    "standard",
    p("经审查，您提出的申请实为以政府信息公开申请的形式进行信访、投诉、举报等活动，具体情况如下："),
    p("{告知内容}"),
    p("根据{法律依据}的规定，本机关不作为政府信息公开申请处理。"),
    p("您可以通过{信访渠道}提出。", { optional: true }),
  ),
  noproc_2_repeat: reply(
    `${条例}第三十六条第（六）项`,
    "standard",
    p("本机关已于{原答复日期}就您提出的政府信息公开申请作出答复（{原答复文号}）。经审查，您本次申请公开的政府信息与前次申请相同。"),
    p("根据{法律依据}的规定，本机关不予重复处理。"),
    EXPLAIN,
  ),
  noproc_3_publication: reply(
    `${条例}第三十九条第二款`,
    "standard",
    p("经审查，您申请获取的{出版物名称}属于公开出版物。根据{法律依据}的规定，本机关不作为政府信息公开申请处理，现告知您获取的途径：{获取途径}。"),
  ),
  noproc_4_mass_repeat: reply(
    `${条例}第三十五条`,
    "standard",
    p("经审查，您申请公开政府信息的数量、频次明显超过合理范围，具体情况如下："),
    p("{告知内容}"),
    p("本机关已于{说明理由日期}要求您说明理由。经审查，本机关认为申请理由不合理。根据{法律依据}的规定，本机关不予处理。"),
  ),
  noproc_5_confirm: reply(
    `${条例}第二条、第三十八条`,
    "standard",
    p("经审查，您的申请实为要求本机关对已获取的信息进行确认或者重新出具，具体情况如下："),
    p("{告知内容}"),
    p("您的申请并非要求获取本机关已制作或者获取的政府信息。根据{法律依据}的规定，本机关不作为政府信息公开申请处理。"),
  ),
  other_1_no_correction: reply(
    `${条例}第三十条`,
    "standard",
    p("本机关已于{补正告知日期}一次性告知您作出补正，补正期限至{补正期限}。补正期限届满，本机关未收到您的补正，您亦未说明正当理由。"),
    p("根据{法律依据}的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。"),
  ),
  other_2_fee_unpaid: reply(
    `${条例}第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）`,
    "standard",
    p("本机关已于{收费通知日期}向您发出收费通知，缴费期限至{缴费期限}。缴费期限届满，本机关未收到您缴纳的信息处理费。"),
    p("根据{法律依据}的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。"),
  ),
  other_3_other: {
    ...reply("", "standard", p("经审查，现答复如下："), p("{告知内容}"), p("本答复的依据为{法律依据}。")),
    basis: undefined,
  },
};
