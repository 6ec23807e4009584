/**
 * JSON exports: keys in the order the caller built them (a report's order is its meaning, so
 * they are not sorted), two-space indent, a final newline so the files diff cleanly.
 */
export const JSON_CONTENT_TYPE = "application/json; charset=utf-8";

export function toJson(value: unknown): string {
  const text = JSON.stringify(value, exportable, 2);
  if (text === undefined) throw new TypeError("toJson: the value has no JSON form");
  return `${text}\n`;
}

/**
 * A bigint (a PostgreSQL count) becomes its decimal string instead of a TypeError; NaN and
 * Infinity would silently become null, which a report must not print as a figure.
 */
function exportable(key: string, value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number" && !Number.isFinite(value)) throw new TypeError(`toJson: ${key} is ${value}`);
  return value;
}
