/**
 * A web page handed out as a workbook. Yearbook databases, report platforms and office systems
 * give their "Excel" downloads as an HTML page with an .xls name ("Excel档案呈现方式"); Excel and
 * WPS open it as one sheet: the page's lines of text (the table's title with its year, 单位：万元)
 * above and between its tables, each table's rows below them, spans merged. This turns such a
 * page into that one sheet, as a single HTML table for SheetJS to read (cells kept as text, so
 * that figures are read as every other text cell is). Tables only used to lay the page out
 * (a table whose cells hold tables) give their text as lines and their inner tables as rows.
 */

/** Whether decoded text is an HTML page or fragment holding a table. */
export function isHtmlTablePage(text: string): boolean {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  return start.startsWith('<') && /<table\b/i.test(text) && /<t[dh]\b/i.test(text);
}

/** The page as one table, or null when it holds no table row. */
export function pageAsOneTable(text: string): { html: string; cells: number; widestSpan: number } | null {
  const body = text
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<(script|style|head|title|noscript|template)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, '');
  const rows: string[] = [];
  let cells = 0;
  let widestSpan = 1;
  // Each <table> or </table> ends a stretch of the page; what a stretch holds goes out in order.
  const boundary = /<(\/?)table\b[^>]*>/gi;
  /** For each table open around the scan: whether a table opened inside it (it lays the page out). */
  const open: boolean[] = [];
  let from = 0;
  const flush = (until: number, closingLeaf: boolean) => {
    const stretch = body.slice(from, until);
    if (closingLeaf) {
      for (const caption of stretch.matchAll(/<caption\b[^>]*>([\s\S]*?)<\/caption\s*>/gi)) rows.push(...textRows(caption[1]!));
      const table = stretch.replace(/<caption\b[^>]*>[\s\S]*?<\/caption\s*>/gi, '');
      for (const row of table.matchAll(/<tr\b[^>]*>([\s\S]*?)(?=<tr\b|$)/gi)) {
        const inner = row[1]!.replace(/<\/tr\s*>[\s\S]*$/i, '');
        cells += (inner.match(/<t[dh]\b/gi) ?? []).length;
        for (const span of inner.matchAll(/\b(?:col|row)span\s*=\s*["']?(\d+)/gi)) widestSpan = Math.max(widestSpan, Number(span[1]));
        rows.push(`<tr>${inner}</tr>`);
      }
    } else {
      rows.push(...textRows(stretch));
    }
  };
  for (const tag of body.matchAll(boundary)) {
    const closing = tag[1] === '/';
    if (!closing) {
      flush(tag.index, false);
      if (open.length > 0) open[open.length - 1] = true;
      open.push(false);
    } else {
      if (open.length === 0) continue;
      const hadInner = open.pop()!;
      flush(tag.index, !hadInner);
    }
    from = tag.index + tag[0].length;
  }
  flush(body.length, open.length > 0 && !open[open.length - 1]);
  if (!rows.some((row) => /<t[dh]\b/i.test(row) && !row.startsWith('<tr><td data-line>'))) return null;
  return { html: `<table>${rows.join('')}</table>`, cells: cells + rows.length, widestSpan };
}

/** Block elements end a line of text; a cell of a layout table is a line of its own. */
const LINE_BREAK = /<(?:br|\/?(?:p|div|h[1-6]|li|ul|ol|tr|td|th|center|blockquote|section|article|header|footer))\b[^>]*>/gi;

/** Text outside any data table, one row per line that holds something. */
function textRows(html: string): string[] {
  return html
    .replace(LINE_BREAK, '\n')
    .replace(/<[^>]*>/g, '')
    .split('\n')
    .map((line) => decodeEntities(line).replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .map((line) => `<tr><td data-line>${escapeText(line)}</td></tr>`);
}

const NAMED: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ensp: ' ', emsp: ' ', thinsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
