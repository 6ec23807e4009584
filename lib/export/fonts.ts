import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/**
 * The CJK font the PDF embeds: Noto Serif SC (思源宋体, SIL OFL 1.1), whole TrueType files from
 * the npm package @expo-google-fonts/noto-serif-sc, so nothing is downloaded at run time and no
 * system font is assumed. A serif face is the nearest free relative of the 宋体/仿宋 that
 * official documents are set in. Its licence travels with it (LICENSE_FONT in the package).
 *
 * The package folder is found through Node's resolver from this module's URL, not __dirname,
 * which a bundler rewrites; the package is listed in next.config.js serverExternalPackages so
 * Next.js leaves the lookup to Node at run time (as for pdfjs-dist in lib/server/text-extract.ts).
 */
const PACKAGE = "@expo-google-fonts/noto-serif-sc";
const FILES = { regular: "400Regular/NotoSerifSC_400Regular.ttf", bold: "700Bold/NotoSerifSC_700Bold.ttf" } as const;

export type FontWeight = keyof typeof FILES;
export type PdfFonts = Record<FontWeight, Buffer>;

export function fontPath(weight: FontWeight): string {
  return path.join(/* turbopackIgnore: true */ packageRoot(), FILES[weight]);
}

function packageRoot(): string {
  const resolved: unknown = createRequire(import.meta.url).resolve(`${PACKAGE}/package.json`);
  // Inside a Next.js server bundle (a route rendering a 答复书) the resolve answers a module id, not
  // a path: the package is then the app's own node_modules one (serverExternalPackages keeps it there).
  // turbopackIgnore: a run-time lookup, not a file to trace — without it Next's file tracer gives
  // up on the process.cwd() join and traces the whole project (a build warning).
  return typeof resolved === "string" ? path.dirname(resolved) : path.join(/* turbopackIgnore: true */ process.cwd(), "node_modules", PACKAGE);
}

let cached: PdfFonts | undefined;

/** Read once per process: each file is about 15 MB and every PDF needs both. */
export function defaultFonts(): PdfFonts {
  cached ??= { regular: readFileSync(/* turbopackIgnore: true */ fontPath("regular")), bold: readFileSync(/* turbopackIgnore: true */ fontPath("bold")) };
  return cached;
}
