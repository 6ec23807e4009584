import { readFileSync } from "node:fs";
import path from "node:path";

/** The XSS vectors of xss-vectors.txt (origin in its header). */
export function xssVectors(): string[] {
  return readFileSync(path.join(process.cwd(), "tests/security/xss-vectors.txt"), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("# "));
}

/** Packs vectors into values of at most `max` characters (whole vectors only, joined by a space). */
export function pack(vectors: string[], max: number, fits: (v: string) => boolean = () => true): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  for (const v of vectors.filter((v) => v.length <= max && fits(v))) {
    if (current.length && [...current, v].join(" ").length > max) {
      chunks.push(current);
      current = [];
    }
    current.push(v);
  }
  if (current.length) chunks.push(current);
  return chunks;
}
