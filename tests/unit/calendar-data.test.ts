import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { BUNDLED_CALENDAR, CALENDAR_DATA_SOURCE } from "@/lib/domain/calendar-data";
import { OUTPUT, readInstalledPackage, renderCalendarData } from "@/scripts/generate-calendar-data";

describe("the bundled calendar data", () => {
  test("is exactly what the generator writes from the installed chinese-days", () => {
    const { version, data } = readInstalledPackage();
    expect(CALENDAR_DATA_SOURCE.version).toBe(version);
    expect(readFileSync(OUTPUT, "utf8")).toBe(renderCalendarData(version, data));
  });

  test("covers 2019–2026, each year with holidays", () => {
    expect(Object.keys(BUNDLED_CALENDAR).map(Number)).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
  });

  const days = (year: number, list: "holidays" | "workdays", name?: string) =>
    BUNDLED_CALENDAR[year][list].filter((d) => name === undefined || d.name === name).map((d) => d.date);

  // Spot checks against the 国务院办公厅 notices quoted in chinese-days' source.
  test("2024 国庆: 10-01…07 off, 9-29 (Sun) and 10-12 (Sat) worked", () => {
    expect(days(2024, "holidays", "国庆节")).toEqual([1, 2, 3, 4, 5, 6, 7].map((d) => `2024-10-0${d}`));
    expect(days(2024, "workdays", "国庆节")).toEqual(["2024-09-29", "2024-10-12"]);
  });

  test("2026 春节: 2-15…23 off, 2-14 and 2-28 (Sat) worked", () => {
    expect(days(2026, "holidays", "春节")).toEqual(
      ["15", "16", "17", "18", "19", "20", "21", "22", "23"].map((d) => `2026-02-${d}`),
    );
    expect(days(2026, "workdays", "春节")).toEqual(["2026-02-14", "2026-02-28"]);
  });

  test("2020 春节 as extended to 2-02 (国办发明电〔2020〕1号), so 2-01 is no longer worked", () => {
    const spring = days(2020, "holidays", "春节");
    expect(spring[0]).toBe("2020-01-24");
    expect(spring.at(-1)).toBe("2020-02-02");
    expect(days(2020, "workdays", "春节")).toEqual(["2020-01-19"]);
  });

  test("names follow the notices (清明节, 端午节, 中秋节), not the package's short forms", () => {
    const names = new Set(Object.values(BUNDLED_CALENDAR).flatMap((y) => [...y.holidays, ...y.workdays].map((d) => d.name)));
    expect([...names].sort()).toEqual(["中秋节", "元旦", "劳动节", "国庆节", "春节", "清明节", "端午节"].sort());
  });
});
