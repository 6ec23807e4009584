/**
 * 索引号: `<机构代码>/<年份>-<5位流水号>`, unique, assigned at first publication. The year is the
 * publication year in Beijing time, and the serial restarts each year.
 */
const PATTERN = /^([0-9A-Z-]{4,24})\/(\d{4})-(\d{5})$/;

export function formatIndexNumber(orgCode: string, year: number, serial: number): string {
  if (!Number.isInteger(serial) || serial < 1 || serial > 99_999) throw new RangeError(`serial out of range: ${serial}`);
  return `${orgCode}/${year}-${String(serial).padStart(5, "0")}`;
}

export function parseIndexNumber(value: string): { orgCode: string; year: number; serial: number } | null {
  const m = PATTERN.exec(value);
  return m ? { orgCode: m[1], year: Number(m[2]), serial: Number(m[3]) } : null;
}
