/** What a use case returns: plain data or an expected failure with a message fit for the UI. */
export type Failure = {
  ok: false;
  error: "not_found" | "forbidden" | "conflict" | "invalid";
  message: string;
  fieldErrors?: Record<string, string[] | undefined>;
};
export type Result<T = undefined> = ({ ok: true } & (T extends undefined ? { value?: T } : { value: T })) | Failure;

export const ok = <T>(value: T) => ({ ok: true as const, value });
export const done = () => ({ ok: true as const, value: undefined });
export const notFound = (message = "未找到该信息，或您无权查看。"): Failure => ({ ok: false, error: "not_found", message });
export const forbidden = (message = "您没有执行此操作的权限。"): Failure => ({ ok: false, error: "forbidden", message });
export const conflict = (message: string): Failure => ({ ok: false, error: "conflict", message });
export const invalid = (fieldErrors: Failure["fieldErrors"], message = "请检查标红的内容。"): Failure => ({
  ok: false,
  error: "invalid",
  message,
  fieldErrors,
});
