import { z } from "zod";
import { isValidCreditCode, isValidResidentId } from "../id-numbers";
import { receiptDate } from "./receipt";
import {
  APPLICANT_TYPES,
  CHANNELS,
  DELIVERY_FORMS,
  DELIVERY_METHODS,
  ID_DOCUMENT_TYPES,
  isOrganisation,
  METHODS_FOR_FORM,
} from "./vocabulary";

/*
 * 政府信息公开申请表 (条例 第二十九条): 姓名或名称、身份证明、联系方式; a description of the
 * information wanted; the form and way to receive it. Every message is Chinese and sits on its
 * field, so z.flattenError gives the form its per-field errors. Lengths are checked before
 * anything else looks at a string, so a 10 MB paste is refused, not processed.
 */

export const DESCRIPTION_MAX = 2000;
export const PURPOSE_MAX = 500;

/** C0 controls but tab and line breaks, and DEL: PostgreSQL refuses NUL in text, and none belongs in a form. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const text = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .max(max, `${label}不能超过 ${max} 个字`)
    .refine((v) => !CONTROL.test(v), `${label}含有无法显示的控制字符，请删除后重新填写`)
    .trim();
const required = (label: string, max: number) => text(label, max).min(1, `请填写${label}`);
const optional = (label: string, max: number) => text(label, max).default("");

const MOBILE = /^(?:\+?86)?1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}(?:-\d{1,6})?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const applicationSchema = z
  .object({
    applicantType: z.enum(APPLICANT_TYPES, { error: "请选择申请人类型" }),
    name: required("姓名或名称", 100),
    idType: z.enum(ID_DOCUMENT_TYPES, { error: "请选择证件类型" }),
    idNumber: required("证件号码", 50).transform((v) => v.replace(/\s/g, "").toUpperCase()),
    legalRepresentative: optional("法定代表人", 50),
    contactPerson: optional("联系人", 50),
    phone: optional("联系电话", 30).transform((v) => v.replace(/[\s()（）]/g, "")),
    email: optional("电子邮箱", 254),
    address: optional("通信地址", 200),
    postcode: optional("邮政编码", 6),
    description: required("所需信息的内容描述", DESCRIPTION_MAX),
    purpose: optional("用途", PURPOSE_MAX),
    deliveryForm: z.enum(DELIVERY_FORMS, { error: "请选择获取信息的形式" }),
    deliveryMethod: z.enum(DELIVERY_METHODS, { error: "请选择获取信息的方式" }),
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    idIssues(v.applicantType, v.idType, v.idNumber, issue);
    if (isOrganisation(v.applicantType)) {
      if (!v.legalRepresentative) issue("legalRepresentative", "法人或其他组织申请的，请填写法定代表人或者主要负责人");
      if (!v.contactPerson) issue("contactPerson", "法人或其他组织申请的，请填写联系人");
    }
    if (!v.phone && !v.email) issue("phone", "请至少填写联系电话或电子邮箱中的一项");
    if (v.phone && !MOBILE.test(v.phone) && !LANDLINE.test(v.phone)) issue("phone", "请填写正确的手机号码或固定电话（如 0432-62345678）");
    if (v.email && !EMAIL.test(v.email)) issue("email", "电子邮箱格式不正确");
    if (!METHODS_FOR_FORM[v.deliveryForm].includes(v.deliveryMethod)) issue("deliveryMethod", "纸质信息只能邮寄或自取");
    if (v.deliveryMethod === "post" && !v.address) issue("address", "选择邮寄的，请填写通信地址");
    if (v.deliveryMethod === "email" && !v.email) issue("email", "选择电子邮件获取的，请填写电子邮箱");
    if (v.postcode && !/^\d{6}$/.test(v.postcode)) issue("postcode", "邮政编码应为6位数字");
  });
export type ApplicationInput = z.infer<typeof applicationSchema>;

function idIssues(type: string, idType: string, number: string, issue: (path: string, message: string) => void): void {
  const organisation = isOrganisation(type as (typeof APPLICANT_TYPES)[number]);
  if (idType === "resident_id" && organisation) issue("idType", "法人或其他组织请使用统一社会信用代码或其他证件");
  if (idType === "credit_code" && !organisation) issue("idType", "自然人请使用居民身份证或其他有效证件");
  if (idType === "resident_id" && !isValidResidentId(number)) issue("idNumber", "居民身份证号码不正确，请核对（18位，最后一位可能是X）");
  if (idType === "credit_code" && !isValidCreditCode(number)) issue("idNumber", "统一社会信用代码不正确，请核对（18位）");
}

const dateField = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .max(10, `${label}格式不正确`)
    .trim()
    .refine((v) => v === "" || /^\d{4}-\d{2}-\d{2}$/.test(v), `${label}请按 年-月-日 填写`)
    .default("");

/**
 * Staff registering a letter, a walk-in, a fax or an e-mail: the channel and the dates 第三十一条
 * needs for the 收到日, which may not lie in the future. `today` is the Beijing date, passed in.
 */
export function staffRegistrationSchema(today: string) {
  return applicationSchema.and(
    z
      .object({
        channel: z.enum(CHANNELS, { error: "请选择申请渠道" }),
        submittedOn: dateField("提交日期"),
        signedForOn: dateField("签收日期"),
        confirmedOn: dateField("确认日期"),
      })
      .superRefine((v, ctx) => {
        const receipt = receiptDate(v.channel, v, today);
        if (!receipt.ok) {
          const message = receipt.problem === "awaiting_confirmation" ? "请填写与申请人确认的日期" : receipt.message;
          ctx.addIssue({ code: "custom", path: [receipt.field], message });
        }
      }),
  );
}
export type StaffRegistrationInput = z.infer<ReturnType<typeof staffRegistrationSchema>>;
