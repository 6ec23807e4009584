import { describe, expect, test } from "vitest";
import {
  creditCodeCheckChar, isPlausibleOldResidentId, isValidCreditCode, isValidResidentId, luhnCheckDigit, passesLuhn,
  residentIdCheckChar,
} from "@/lib/domain/id-numbers";
import { FLAG_LABELS, maskMatch, scanText, SEVERITY_LABELS, type FlagKind } from "@/lib/domain/secrecy-scan";

const withIdCheck = (first17: string) => first17 + residentIdCheckChar(first17);
const withLuhn = (partial: string) => partial + luhnCheckDigit(partial);
const fullWidth = (s: string) => s.replace(/[0-9A-Za-z@.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** Shaped like a 公民身份号码 (region 41, a real birth date) with a wrong check digit, and passing Luhn. */
function idShapedLuhnNumber(): string {
  for (let seq = 0; ; seq++) {
    const first17 = `41010519800101${String(seq).padStart(3, "0")}`;
    const last = luhnCheckDigit(first17);
    if (last !== residentIdCheckChar(first17)) return first17 + last;
  }
}

/** The one flag scanText finds in `text`, as [kind, severity, match], or null when it finds none. */
function only(text: string) {
  const flags = scanText(text);
  expect(flags.length).toBeLessThanOrEqual(1);
  return flags[0] ? [flags[0].kind, flags[0].severity, flags[0].match] : null;
}

describe("check digits", () => {
  test("GB 11643's own example ends in X", () => expect(residentIdCheckChar("11010519491231002")).toBe("X"));
  test.each([
    ["11010519491231002X", true],
    ["11010519491231002x", true],
    ["110105194912310021", false], // check digit
    ["110105194902300025", false], // 30 February
    [withIdCheck("11010518991231002"), false], // born 1899
    [withIdCheck("01010519491231002"), false], // no province 01
    [withIdCheck("91220219900101123"), false], // 91…: a credit code's head, not a province
  ])("公民身份号码 %s valid: %s", (id, valid) => expect(isValidResidentId(id)).toBe(valid));
  test.each([
    ["110105491231002", true],
    ["110105490230002", false],
    ["000105491231002", false],
  ])("15-digit %s plausible: %s", (id, ok) => expect(isPlausibleOldResidentId(id)).toBe(ok));
  test.each([
    ["79927398713", true],
    ["4111111111111111", true],
    ["4111111111111112", false],
  ])("Luhn %s: %s", (n, ok) => expect(passesLuhn(n)).toBe(ok));
  test.each([
    ["91350100M000100Y43", true],
    ["91350100M000100Y44", false],
    ["91350100I000100Y43", false], // I is not in the GB 32100 alphabet
  ])("统一社会信用代码 %s valid: %s", (code, valid) => expect(isValidCreditCode(code)).toBe(valid));
  test("credit code check char closes the loop", () => expect(creditCodeCheckChar("91350100M000100Y4")).toBe("3"));
});

describe("身份证号", () => {
  const id = "11010519491231002X";
  test.each([
    [`身份证号：${id}。`, ["ID_CARD", "high", id]],
    [`证件号码 ${id.toLowerCase()}`, ["ID_CARD", "high", id.toLowerCase()]],
    ["220202199001010354，", ["ID_CARD", "high", "220202199001010354"]], // passes Luhn too: still an ID
    ["号码 110105 19491231 002X", ["ID_CARD", "high", "110105 19491231 002X"]],
    [`号码${fullWidth(id)}`, ["ID_CARD", "high", fullWidth(id)]],
    ["旧证 110105491231002 号", ["ID_CARD", "review", "110105491231002"]],
  ])("%s", (text, expected) => expect(only(text)).toEqual(expected));

  test.each([
    ["wrong check digit", "身份证号：110105194912310021"],
    ["impossible date", `身份证号：${withIdCheck("11010519490230002")}`],
    ["inside a longer run", `流水号 1${id}`],
    ["followed by a digit", `流水号 ${id.slice(0, 17)}12`],
    ["part of a code", `编号 GR${id}`],
    ["already masked", "身份证号：110105********002X"],
    ["15 digits, impossible date", "注册号 220201000012345"],
    ["18-character credit code", "统一社会信用代码：91350100M000100Y43"],
    ["mixed separators", "110105 19491231-002X"],
  ])("no flag: %s", (_, text) => expect(scanText(text)).toEqual([]));
});

describe("手机号", () => {
  test.each([
    "13812345678", "138-1234-5678", "138 1234 5678", "+86 13812345678", "+86-138-1234-5678", "8613812345678",
    "(+86)13812345678", "（+86）13812345678", "0086 13812345678", fullWidth("13812345678"),
  ])("%s", (phone) => expect(only(`联系电话：${phone}，`)).toEqual(["MOBILE", "high", phone]));

  test.each([
    ["a 12x prefix", "12812345678"],
    ["a landline", "0432-62000000"],
    ["a landline in brackets", "（0432）62000000"],
    ["12 digits", "138123456789"],
    ["10 digits", "1381234567"],
    ["inside a longer run", "受理编号2026138123456781"],
    ["masked", "138****5678"],
    ["an amount", "13812345678.50元"],
    ["mixed separators", "138-1234 5678"],
    ["a 400 number", "400-810-5888"],
  ])("no flag: %s", (_, text) => expect(scanText(text)).toEqual([]));
});

describe("银行卡号", () => {
  const card19 = withLuhn("622202123456789012");
  const card16 = withLuhn("436742123456789");
  const grouped = (n: string, sep: string) => n.match(/.{1,4}/g)!.join(sep);
  test.each([card19, card16, grouped(card19, " "), grouped(card16, "-")])("%s", (card) =>
    expect(only(`卡号：${card}。`)).toEqual(["BANK_CARD", "high", card]),
  );

  test.each([
    ["fails Luhn", `卡号：${card19.slice(0, 18)}${(Number(card19[18]) + 1) % 10}`],
    ["an account number starting 0", `账号：${withLuhn("080220120902450812")}`],
    ["a project number starting 2", `项目编号：${withLuhn("220200202600123")}`],
    ["20 digits", `编号：${card19}1`],
    ["a credit code that passes Luhn", "统一社会信用代码：912202010000000290"],
    ["a mistyped ID that passes Luhn", `证件号码：${idShapedLuhnNumber()}`],
    ["15 digits", `卡号：${withLuhn("62220212345678")}`],
    ["masked", "6222***********0123"],
  ])("no flag: %s", (_, text) => expect(scanText(text)).toEqual([]));
});

describe("电子邮箱", () => {
  test.each([
    ["邮箱：zhangwei@163.com。", ["EMAIL", "high", "zhangwei@163.com"]],
    ["邮箱 li.na_2001@jlu.edu.cn", ["EMAIL", "high", "li.na_2001@jlu.edu.cn"]],
    ["13812345678@139.com", ["EMAIL", "high", "13812345678@139.com"]], // one e-mail, not a phone number as well
    ["信箱 kjj@jlcity.gov.cn", ["EMAIL", "review", "kjj@jlcity.gov.cn"]],
    ["邮箱：zhangwei＠163.com", ["EMAIL", "high", "zhangwei＠163.com"]],
  ])("%s", (text, expected) => expect(only(text)).toEqual(expected));

  test.each([
    ["a placeholder", "格式如 name@example.com"],
    ["a web address", "网址：http://kjj.jlcity.gov.cn"],
    ["a Weibo mention", "@吉林市科技局 发布"],
    ["no domain", "zhangwei@localhost"],
  ])("no flag: %s", (_, text) => expect(scanText(text)).toEqual([]));
});

describe("密级标志", () => {
  test.each([
    ["机密★1年\n关于…的通知", "high", "机密★1年"],
    ["000012\n秘密★6个月\n特急", "high", "秘密★6个月"],
    ["绝密★长期", "high", "绝密★长期"],
    ["绝密★启用前", "high", "绝密★启用前"],
    ["秘密★2027年12月31日", "high", "秘密★2027年12月31日"],
    ["秘密★一年", "high", "秘密★一年"],
    ["机密 ★ 5年", "high", "机密 ★ 5年"],
    ["秘密＊1年", "high", "秘密＊1年"],
    ["密　级：机密", "high", "密　级：机密"],
    ["关于调整分工的通知（机密）", "high", "（机密）"],
    ["000031\n机密\n吉林市科学技术局文件", "high", "机密"],
    ["内部资料　注意保存\n简报", "review", "内部资料　注意保存"],
    ["本资料仅供内部使用，请勿外传。", "review", "仅供内部使用，请勿外传"],
    ["【内部资料】", "review", "【内部资料】"],
    ["密级：内部", "review", "密级：内部"],
  ])("%s", (text, severity, match) => expect(only(text)).toEqual(["CLASSIFICATION", severity, match]));

  test.each([
    "各处室要严格遵守保密纪律，保守国家秘密。",
    "秘书科负责会议记录。",
    "进一步健全内部控制制度，加强内部审计。",
    "确保数据的机密性、完整性和可用性。",
    "严禁将内部资料带出办公场所。",
    "绝密级、机密级、秘密级国家秘密的保密期限分别不超过三十年、二十年、十年。",
    "涉及国家秘密（秘密级）的事项",
    "不得泄露商业秘密*。",
    "仅供内部使用的账号不得转借他人。",
    "通知\n一\n二\n三\n四\n五\n密级  最长保密期限\n绝密  30年\n机密  20年\n秘密\n",
  ])("no flag: %s", (text) => expect(scanText(text)).toEqual([]));
});

describe("masking and context", () => {
  test.each([
    ["ID_CARD", "220202199001011234", "220202********1234"],
    ["ID_CARD", "110105 19491231 002X", "110105 ******** 002X"],
    ["MOBILE", "13812345678", "138****5678"],
    ["MOBILE", "+86-138-1234-5678", "+86-138-****-5678"],
    ["BANK_CARD", "6222 0212 3456 7890 123", "6222 **** **** ***0 123"],
    ["EMAIL", "zhangwei@163.com", "zh******@163.com"],
    ["EMAIL", "abc@qq.com", "a**@qq.com"],
    ["CLASSIFICATION", "机密★1年", "机密★1年"],
  ] as [FlagKind, string, string][])("%s %s → %s", (kind, match, masked) => {
    expect(maskMatch(kind, match)).toBe(masked);
    expect(masked).toHaveLength(match.length);
  });

  test("offsets point into the text as written, flags come in order, and context hides every match", () => {
    const text = "名单：１３８１２３４５６７８　张伟，身份证号11010519491231002X，邮箱zhangwei@163.com";
    const flags = scanText(text);
    expect(flags.map((f) => f.kind)).toEqual(["MOBILE", "ID_CARD", "EMAIL"]);
    for (const f of flags) {
      expect(text.slice(f.start, f.end)).toBe(f.match);
      expect(f.context).toContain(maskMatch(f.kind, f.match));
    }
    expect(flags[1].context).toBe("：１３８****５６７８ 张伟，身份证号110105********002X，邮箱zh******@163.com");
  });

  test("every kind and severity has a Chinese label", () => {
    expect(Object.values(FLAG_LABELS).every((l) => /[\u4e00-\u9fff]/.test(l))).toBe(true);
    expect(Object.keys(SEVERITY_LABELS)).toEqual(["high", "review"]);
  });

  test("empty and digit-free texts have no flags", () => {
    expect(scanText("")).toEqual([]);
    expect(scanText("吉市科发〔2026〕18号 2026年3月5日 1,234,567.89元 0432-62000000 邮编132011")).toEqual([]);
  });
});
