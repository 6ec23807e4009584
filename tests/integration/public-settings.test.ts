import { beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/server/platform/db";
import { getSiteSettings, updateSiteSettings } from "@/lib/server/admin/site-settings";
import { seedBureau, type Bureau } from "../support/bureau";

/** 站点设置: the office edits the 政府信息公开指南's settings; validated, conflict-checked, audited. */

let b: Bureau;
beforeAll(async () => {
  b = await seedBureau();
  for (const code of ["gzzd", "ndbg"]) {
    await db().column.upsert({ where: { code }, create: { code, name: code }, update: {} });
  }
});

const valid = {
  officeName: "政务公开工作领导小组办公室",
  address: "吉林市船营区某路 1 号",
  postalCode: "132000",
  officeHours: "工作日 8:30—17:00",
  phone: "0432-62000000",
  fax: "",
  email: "zwgk@example.cn",
  website: "",
  note: "",
  systemColumn: "gzzd",
  annualReportColumn: "ndbg",
};

describe("站点设置", () => {
  test("the office saves; the guide reads it back; the change is audited with before and after", async () => {
    // An address of this run's own: the settings are one row that other test files write too, so
    // the change (and its audited diff) must not depend on what they left there.
    const address = `吉林市船营区某路 ${b.tag} 号`;
    const { version } = await getSiteSettings();
    const saved = await updateSiteSettings(b.people.office, { ...valid, address, version });
    expect(saved).toMatchObject({ ok: true });
    const { settings } = await getSiteSettings();
    expect(settings).toMatchObject({ address, phone: "0432-62000000", email: "zwgk@example.cn" });
    expect(settings.fax).toBeUndefined();
    const events = await db().auditEvent.findMany({ where: { action: "site.settings.update", actorId: b.people.office.id } });
    expect(events).toHaveLength(1);
    expect(events[0].detail).toMatchObject({ address: { to: address } });
  });

  test("Chinese messages next to each invalid field; nothing saved", async () => {
    const before = await getSiteSettings();
    const result = await updateSiteSettings(b.people.office, {
      ...valid,
      version: before.version,
      address: " ",
      phone: "打电话",
      postalCode: "12",
      email: "not-an-email",
      website: "javascript:alert(1)",
      systemColumn: "no-such-column",
    });
    expect(result.ok).toBe(false);
    const errors = result.ok ? {} : result.fieldErrors!;
    expect(errors.address?.[0]).toContain("办公地址");
    expect(errors.phone?.[0]).toContain("联系电话");
    expect(errors.postalCode?.[0]).toContain("6 位数字");
    expect(errors.email?.[0]).toContain("电子邮箱");
    expect(errors.website?.[0]).toContain("http");
    expect(await getSiteSettings()).toEqual(before);
  });

  test("an unknown column is refused", async () => {
    const { version } = await getSiteSettings();
    const result = await updateSiteSettings(b.people.office, { ...valid, version, annualReportColumn: "no-such-column" });
    expect(result).toMatchObject({ ok: false, fieldErrors: { annualReportColumn: ["所选栏目不存在，请重新选择"] } });
  });

  test("a form opened before someone else's save is refused, not overwritten", async () => {
    const { version } = await getSiteSettings();
    expect(await updateSiteSettings(b.people.office, { ...valid, version, phone: "0432-11111111" })).toMatchObject({ ok: true });
    const stale = await updateSiteSettings(b.people.office2, { ...valid, version, phone: "0432-22222222" });
    expect(stale).toMatchObject({ ok: false, error: "conflict" });
    expect((await getSiteSettings()).settings.phone).toBe("0432-11111111");
  });

  test.each(["liaison", "secrecy", "sysadmin", "auditor"] as const)("%s may not change them", async (who) => {
    const { version } = await getSiteSettings();
    expect(await updateSiteSettings(b.people[who], { ...valid, version, phone: "0432-33333333" })).toMatchObject({ ok: false, error: "forbidden" });
  });
});
