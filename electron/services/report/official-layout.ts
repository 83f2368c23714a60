/**
 * GB/T 9704-2012 党政机关公文格式, in Word's units. Sizes of type are in half-points (docx's `size`),
 * lengths in twips (1/20 pt; 1 mm ≈ 56.7 twips) unless a name says otherwise.
 */

const TWIPS_PER_MM = 1440 / 25.4;
export const mm = (millimetres: number): number => Math.round(millimetres * TWIPS_PER_MM);

/** A4 portrait. */
export const PAGE = { width: mm(210), height: mm(297) };

/** 5.2: 天头 37 mm, 订口 28 mm; 版心 156 mm × 225 mm leaves 35 mm below and 26 mm on the right. */
export const MARGINS = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) };

/** The width text and tables may take: 156 mm. */
export const TEXT_WIDTH = PAGE.width - MARGINS.left - MARGINS.right;

/**
 * 5.2.2: 一般每面排 22 行，每行排 28 个字 — 三号 type (16 pt) on a 28.95 pt line pitch fills the
 * 225 mm 版心 in 22 lines.
 */
export const LINES_PER_PAGE = 22;
export const CHARS_PER_LINE = 28;
export const LINE_PITCH = Math.floor((PAGE.height - MARGINS.top - MARGINS.bottom) / LINES_PER_PAGE);
/**
 * Body text condensed by a quarter point (in twips): 28 characters of 三号 then fit the 156 mm line
 * (28 × 15.75 pt = 441 pt of 442 pt). Word's character grid (w:docGrid linesAndChars) would say
 * the same, but LibreOffice spreads text on such a grid to some 17 characters a line; exact line
 * spacing and this spacing lay the page out alike everywhere.
 */
export const BODY_CONDENSED = -5;

/** Sizes of type (字号) in half-points. */
export const SIZE = {
  二号: 44,
  三号: 32,
  四号: 28,
  小四: 24,
  五号: 21,
} as const;

/**
 * The fonts the standard names, each with the one Windows and WPS have when it is missing (written
 * to the font table as w:altName): 方正小标宋简体 → 宋体, 仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体.
 * Figures and Latin letters in Times New Roman, as official templates set them.
 */
export const FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  table: '宋体',
  pageNumber: '宋体',
  latin: 'Times New Roman',
} as const;

/** Type size and line of table text: 五号 on 14 pt lines, off the document grid. */
export const TABLE_LINE = 280;
/** 一字: the indent of the first line is two, of the date four on the right (7.3.5). */
export const CHAR_WIDTH = Math.round(TEXT_WIDTH / CHARS_PER_LINE);
/** Where the page numbers stand: 7 mm under the 版心, 四号 type (7.5). */
export const FOOTER_DISTANCE = mm(35 - 7 - 6);
export const HEADER_DISTANCE = mm(15);
/** Chart width in pixels at 96 to the inch: the text width. */
export const CHART_WIDTH_PX = Math.floor((TEXT_WIDTH / 1440) * 96);
