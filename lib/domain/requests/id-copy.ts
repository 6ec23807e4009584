import type { AttachmentKind } from "../file-kind";

/**
 * 身份证明复印件 with an online application (条例 第二十九条: 身份证明): optional, a photo or scan
 * of the ID card or business licence. Images and PDF only — what a phone or a scanner makes — and
 * checked by their bytes like every upload (lib/domain/file-kind.ts). The limit sits well under
 * the server action body limit (next.config.js), so an oversized file is refused with this
 * message, not by the framework.
 */
export const ID_COPY_MAX_MB = 5;
export const ID_COPY_MAX_BYTES = ID_COPY_MAX_MB * 1024 * 1024;
export const ID_COPY_KINDS: readonly AttachmentKind[] = ["jpg", "png", "webp", "pdf"];
/** The file input's accept attribute. */
export const ID_COPY_ACCEPT = ".jpg,.jpeg,.png,.webp,.pdf,image/jpeg,image/png,image/webp,application/pdf";
export const ID_COPY_DESCRIPTION = "JPG、PNG、WebP 图片或 PDF";

export const ID_COPY_TOO_LARGE = `身份证明复印件不能超过 ${ID_COPY_MAX_MB} MB，请压缩或缩小后重新选择。`;
export const ID_COPY_WRONG_KIND = `身份证明复印件只能是${ID_COPY_DESCRIPTION}。`;

/** The check a browser can make before sending (the server checks the bytes again). */
export function idCopyPrecheck(file: { name: string; size: number }): string | null {
  if (file.size > ID_COPY_MAX_BYTES) return ID_COPY_TOO_LARGE;
  if (!/\.(jpe?g|png|webp|pdf)$/i.test(file.name)) return ID_COPY_WRONG_KIND;
  return null;
}
