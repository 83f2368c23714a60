import type { GridSheet } from '../../shared/import/grid';

/**
 * Hidden sheets of an .ods. SheetJS reports every OpenDocument sheet as visible, but LibreOffice
 * hides a sheet through its table style (`table:display="false"`), and officers hide helper
 * sheets there just as in Excel; layout detection must know.
 */
export function hiddenOdsSheets(parts: ReadonlyMap<string, string>): Set<string> {
  // content.xml as the zip guard inflated it: the package is not opened again.
  const xml = parts.get('content.xml');
  if (xml === undefined) return new Set();
  const hiddenStyles = new Set<string>();
  const style = /<style:style\b[^>]*style:name="([^"]+)"[^>]*style:family="table"[^>]*>\s*<style:table-properties\b[^>]*table:display="false"/g;
  for (let m = style.exec(xml); m; m = style.exec(xml)) hiddenStyles.add(m[1]!);
  const hidden = new Set<string>();
  const table = /<table:table\b([^>]*)>/g;
  for (let m = table.exec(xml); m; m = table.exec(xml)) {
    const sheetName = /table:name="([^"]*)"/.exec(m[1]!)?.[1];
    const styleName = /table:style-name="([^"]*)"/.exec(m[1]!)?.[1];
    if (sheetName !== undefined && styleName && hiddenStyles.has(styleName)) {
      hidden.add(unescapeXml(sheetName));
    }
  }
  return hidden;
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) =>
    ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);
}

export function applyHiddenSheets(sheets: GridSheet[], hidden: Set<string>): GridSheet[] {
  return sheets.map((s) => (hidden.has(s.name) && s.state === 'visible' ? { ...s, state: 'hidden' } : s));
}
