import { describe, expect, test } from "vitest";
import { z } from "zod";
import { creditCodeCheckChar, residentIdCheckChar } from "@/lib/domain/id-numbers";
import { applicationSchema, staffRegistrationSchema } from "@/lib/domain/requests/application-schema";
import { receiptDate } from "@/lib/domain/requests/receipt";
import { parseTrackingCode, trackingCodeFromBytes } from "@/lib/domain/requests/tracking-code";

describe("收到日 by channel (第三十一条)", () => {
  const today = "2026-10-12";
  test.each<[Parameters<typeof receiptDate>[0], Parameters<typeof receiptDate>[1], string | null, string | null]>([
    ["in_person", { submittedOn: "2026-10-09" }, "2026-10-09", null],
    // A registered letter signed for on Saturday 10-03 (国庆) keeps that day: day 1 is the next working day anyway.
    ["registered_mail", { submittedOn: "2026-09-29", signedForOn: "2026-10-03" }, "2026-10-03", null],
    ["ordinary_mail", { signedForOn: "2026-10-08" }, null, "awaiting_confirmation"],
    ["ordinary_mail", { confirmedOn: "2026-10-09" }, "2026-10-09", null],
    // Online on Sunday 10-11, confirmed Monday: the 收到日 is the confirmation.
    ["online", { submittedOn: "2026-10-11", confirmedOn: "2026-10-12" }, "2026-10-12", null],
    ["online", { submittedOn: "2026-10-11" }, null, "awaiting_confirmation"],
    ["email", { submittedOn: "2026-10-11", confirmedOn: "2026-10-10" }, null, "before_submission"],
    ["fax", { confirmedOn: "2026-10-13" }, null, "future_date"],
    ["registered_mail", {}, null, "missing_date"],
  ])("%s %j", (channel, dates, receivedOn, problem) => {
    const r = receiptDate(channel, dates, today);
    expect(r.ok ? r.receivedOn : null).toBe(receivedOn);
    expect(r.ok ? null : r.problem).toBe(problem);
    expect(r.rule).toMatch(/第三十一条/);
  });
});

describe("tracking codes", () => {
  const bytes = Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const code = trackingCodeFromBytes(bytes);

  test("GK-XXXX-XXXX-XXXX-XXXX-C from 80 random bits, and back", () => {
    expect(code).toMatch(/^GK(-[0-9A-HJKMNP-TV-Z]{4}){4}-[0-9A-HJKMNP-TV-Z*~$=U]$/);
    expect(parseTrackingCode(code)).toEqual({ ok: true, code });
    expect(trackingCodeFromBytes(new Uint8Array(10).fill(255))).not.toBe(trackingCodeFromBytes(new Uint8Array(10)));
    expect(() => trackingCodeFromBytes(new Uint8Array(8))).toThrow(RangeError);
  });

  test("case, spaces, hyphens, full-width and O/I/L confusables are forgiven", () => {
    const sloppy = code.toLowerCase().replace(/-/g, " ").replace(/0/g, "o").replace(/1/g, "l");
    expect(parseTrackingCode(sloppy)).toEqual({ ok: true, code });
    expect(parseTrackingCode(code.replace(/^GK-/, ""))).toEqual({ ok: true, code });
    expect(parseTrackingCode(code.normalize("NFKC").replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)))).toEqual({ ok: true, code });
  });

  test("every single-character typo and every swap of neighbours is caught", () => {
    const digits = code.replace(/^GK-/, "").replace(/-/g, "");
    const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    for (let i = 0; i < 16; i++) {
      for (const ch of alphabet) {
        if (ch === digits[i]) continue;
        expect(parseTrackingCode(digits.slice(0, i) + ch + digits.slice(i + 1)).ok).toBe(false);
      }
      if (i < 15 && digits[i] !== digits[i + 1]) {
        expect(parseTrackingCode(digits.slice(0, i) + digits[i + 1] + digits[i] + digits.slice(i + 2)).ok).toBe(false);
      }
    }
  });

  test.each(["", "GK-1234", "x".repeat(10_000), "GK-####-####-####-####-0"])("refuses %j", (input) => {
    expect(parseTrackingCode(input)).toMatchObject({ ok: false, reason: "format" });
  });
});

describe("application form (第二十九条)", () => {
  const id = (first17: string) => first17 + residentIdCheckChar(first17);
  const uscc = (first17: string) => first17 + creditCodeCheckChar(first17);
  const wrongCheck = (valid: string) => valid.slice(0, 17) + (valid[17] === "0" ? "1" : "0");
  const person = {
    applicantType: "natural_person", name: "张三", idType: "resident_id", idNumber: id("11010519491231002"),
    phone: "13912345678", description: "2025年度本局科技项目立项清单", deliveryForm: "electronic", deliveryMethod: "email", email: "a@example.cn",
  };
  const errors = (input: unknown, schema: z.ZodType = applicationSchema) => {
    const r = schema.safeParse(input);
    return r.success ? {} : z.flattenError(r.error).fieldErrors;
  };

  test("a complete request passes", () => expect(errors(person)).toEqual({}));

  test.each<[string, Record<string, unknown>, string]>([
    ["a wrong ID check digit", { idNumber: wrongCheck(id("11010519491231002")) }, "idNumber"],
    ["a 10 MB description", { description: "字".repeat(10 * 1024 * 1024) }, "description"],
    ["an empty description", { description: "   " }, "description"],
    ["no contact at all", { phone: "", email: "", deliveryMethod: "pickup" }, "phone"],
    ["a bad phone number", { phone: "12345" }, "phone"],
    ["paper by e-mail", { deliveryForm: "paper" }, "deliveryMethod"],
    ["post without an address", { deliveryMethod: "post" }, "address"],
    ["an organisation without 法定代表人", { applicantType: "commercial", idType: "credit_code", idNumber: uscc("91220200MA0Y12345"), contactPerson: "李四" }, "legalRepresentative"],
    ["an organisation with a bad credit code", { applicantType: "research", idType: "credit_code", idNumber: "91220200MA0Y123450", legalRepresentative: "王五", contactPerson: "李四" }, "idNumber"],
  ])("refuses %s, on that field, in Chinese", (_n, change, field) => {
    const fieldErrors = errors({ ...person, ...change }) as Record<string, string[] | undefined>;
    expect(fieldErrors[field]?.[0]).toMatch(/[\u4e00-\u9fff]/);
  });

  test("an organisation with a valid credit code, 法定代表人 and 联系人 passes", () => {
    const org = { ...person, applicantType: "legal_service", idType: "credit_code", idNumber: uscc("31220000MD0123456").toLowerCase(), legalRepresentative: "王五", contactPerson: "李四" };
    expect(errors(org)).toEqual({});
  });

  test("staff registration refuses a 收到日 in the future and wants the date its channel needs", () => {
    const schema = staffRegistrationSchema("2026-10-12");
    expect(errors({ ...person, channel: "registered_mail", signedForOn: "2026-10-12" }, schema)).toEqual({});
    expect(errors({ ...person, channel: "registered_mail", signedForOn: "2026-10-13" }, schema)).toEqual({ signedForOn: ["签收日期不能晚于今天。"] });
    expect(errors({ ...person, channel: "ordinary_mail" }, schema)).toEqual({ confirmedOn: ["请填写与申请人确认的日期"] });
    expect(errors({ ...person, channel: "in_person" }, schema)).toEqual({ submittedOn: ["请填写提交日期。"] });
  });
});
