import { PLACEHOLDERS, placeholdersIn, requiredNames, type LetterTemplate, type Placeholder } from "./letters";

/*
 * Which {占位符} of a 答复书 the clerk types when drafting. The rest is filled when the letter is
 * rendered: the bureau's settings (机关名称, 复议机关, 联系电话), the request (申请人, 收到日期,
 * 申请内容), the approval (文号, 答复日期) and the template's own 法律依据. Pure, so the draft form
 * shows the same list the drafting action checks.
 */

export const SYSTEM_FIELDS: ReadonlySet<string> = new Set(["机关名称", "文号", "申请人", "收到日期", "申请内容", "答复日期", "复议机关", "联系电话", "法律依据"]);

export interface ReplyField {
  name: Placeholder;
  kind: "text" | "date" | "lines";
  hint: string;
  /** False for a field of an optional paragraph (printed only when filled). */
  required: boolean;
  /** The optional paragraph it belongs to: its fields are given all together or not at all. */
  group: number | null;
}

/** The clerk's fields of a template, in reading order. */
export function replyFormFields(template: LetterTemplate): ReplyField[] {
  const required = new Set<string>(requiredNames(template));
  const fields: ReplyField[] = [];
  template.paragraphs.forEach((p, i) => {
    for (const name of placeholdersIn(p.text)) {
      if (SYSTEM_FIELDS.has(name) || !(name in PLACEHOLDERS) || fields.some((f) => f.name === name)) continue;
      const def = PLACEHOLDERS[name as Placeholder];
      const isRequired = required.has(name);
      fields.push({ name: name as Placeholder, kind: def.kind, hint: def.hint, required: isRequired, group: isRequired ? null : i });
    }
  });
  return fields;
}

/** Whether the template leaves {法律依据} to the clerk (其他处理-3). */
export const needsBasis = (template: LetterTemplate) => template.basis === undefined;

/**
 * What is missing from a draft, per field, in Chinese: a required field left blank, or part of an
 * optional paragraph (责任机关 without its 联系方式, 第三十六条第五项 asks for both).
 */
export function missingReplyFields(template: LetterTemplate, values: Record<string, string>, basis: string): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const fields = replyFormFields(template);
  const filled = (name: string) => (values[name] ?? "").trim() !== "";
  for (const f of fields) {
    if (f.required && !filled(f.name)) errors[f.name] = [`请填写${f.name}（${f.hint}）`];
  }
  const groups = new Set(fields.filter((f) => f.group !== null).map((f) => f.group));
  for (const g of groups) {
    const members = fields.filter((f) => f.group === g);
    if (members.some((f) => filled(f.name))) {
      for (const f of members) if (!filled(f.name)) errors[f.name] = [`填写了同一段的其他内容，请一并填写${f.name}`];
    }
  }
  for (const f of fields) {
    if (f.kind === "date" && filled(f.name) && !/^\d{4}-\d{2}-\d{2}$/.test(values[f.name].trim())) errors[f.name] = [`${f.name}请按 年-月-日 填写`];
  }
  if (needsBasis(template) && !basis.trim()) errors.basis = ["请填写法律依据"];
  return errors;
}
