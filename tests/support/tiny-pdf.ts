/**
 * Hand-made PDFs with Chinese text, the two ways Chinese office software writes it:
 * - `ucs2`: a non-embedded 宋体 (STSong-Light) in the predefined UniGB-UCS2-H encoding, as iText
 *   and many Chinese e-government systems produce; pdf.js needs its CMaps to read it;
 * - `identity`: Identity-H glyph ids with a ToUnicode map, as Word and WPS write subset fonts.
 * A row is a string at the left margin, or cells `[x, text]` on one baseline (a table row).
 */
export type PdfRow = string | [x: number, text: string][];

const hex4 = (n: number) => n.toString(16).padStart(4, "0");

export function tinyPdf(pages: PdfRow[][], encoding: "ucs2" | "identity"): Uint8Array {
  const chars = [...new Set(pages.flat(3).filter((t): t is string => typeof t === "string").join(""))];
  const encode = (s: string) =>
    [...s].map((c) => hex4(encoding === "ucs2" ? c.charCodeAt(0) : chars.indexOf(c) + 1)).join("");
  const content = (rows: PdfRow[]) =>
    ["BT", "/F1 12 Tf", ...rows.flatMap((row, i) => {
      const cells = typeof row === "string" ? [[50, row] as const] : row;
      return cells.map(([x, text]) => `1 0 0 1 ${x} ${780 - 18 * i} Tm <${encode(text)}> Tj`);
    }), "ET"].join("\n");

  const fontObj = 3 + pages.length * 2;
  const objects: string[] = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${pages.map((_, i) => `${3 + i * 2} 0 R`).join(" ")}] /Count ${pages.length} >>`,
  ];
  pages.forEach((rows, i) => {
    const stream = content(rows);
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${fontObj} 0 R >> >> /Contents ${4 + i * 2} 0 R >>`);
    objects.push(`<< /Length ${Buffer.byteLength(stream, "latin1")} >>\nstream\n${stream}\nendstream`);
  });
  objects.push(...fontObjects(fontObj, encoding, chars));
  return serialise(objects);
}

function fontObjects(first: number, encoding: "ucs2" | "identity", chars: string[]): string[] {
  const descriptor = "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>";
  if (encoding === "ucs2") {
    return [
      `<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [${first + 1} 0 R] >>`,
      `<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor ${first + 2} 0 R /DW 1000 >>`,
      descriptor,
    ];
  }
  const map = chars.map((c, i) => `<${hex4(i + 1)}> <${hex4(c.charCodeAt(0))}>`);
  const blocks: string[] = []; // a bfchar block holds at most 100 entries
  for (let i = 0; i < map.length; i += 100) {
    const block = map.slice(i, i + 100);
    blocks.push(`${block.length} beginbfchar`, ...block, "endbfchar");
  }
  const cmap = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CMapName /Gongkai-UCS def",
    "1 begincodespacerange <0000> <FFFF> endcodespacerange", ...blocks,
    "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"].join("\n");
  return [
    `<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [${first + 1} 0 R] /ToUnicode ${first + 3} 0 R >>`,
    `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ${first + 2} 0 R /DW 1000 >>`,
    descriptor.replaceAll("STSong-Light", "SimSun"),
    `<< /Length ${Buffer.byteLength(cmap, "latin1")} >>\nstream\n${cmap}\nendstream`,
  ];
}

function serialise(objects: string[]): Uint8Array {
  let out = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n";
  const offsets = objects.map((o, i) => {
    const at = Buffer.byteLength(out, "latin1");
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
    return at;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, "latin1"));
}
