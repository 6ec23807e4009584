/**
 * Page geometry and type sizes from GB/T 9704-2012 《党政机关公文格式》, shared by the DOCX and PDF
 * renderers so both formats of one document look alike. Lengths in millimetres, sizes in points.
 */

/** A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm (§5.2.1, §5.2.2). */
export const PAGE_MM = { width: 210, height: 297, top: 37, left: 28, right: 26, bottom: 35 } as const;

/** 字号: 2号 22 pt (title), 3号 16 pt (body), 4号 14 pt (page number, notes), 5号 10.5 pt (tables). */
export const SIZE_PT = { organ: 36, title: 22, body: 16, notes: 14, table: 12, pageNumber: 14 } as const;

/** 22 lines on 225 mm of type area: a line pitch of about 28.9 pt (§5.2.3); 28 pt fits a little more. */
export const LINE_PT = 28;

/** The 版头 red (GB/T 9704 leaves the hue to the printer; pure red is what offices use). */
export const RED = "FF0000";

export const mmToPt = (mm: number) => (mm * 72) / 25.4;

/** The 版心 width in points. */
export const TEXT_WIDTH_PT = mmToPt(PAGE_MM.width - PAGE_MM.left - PAGE_MM.right);

/** A long organ name shrinks so that it stays on one line across the 版心. */
export function organSize(organ: string): number {
  const chars = Math.max(1, [...organ].length);
  return Math.min(SIZE_PT.organ, Math.floor(TEXT_WIDTH_PT / chars));
}

