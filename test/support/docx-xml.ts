import { decodeXml, unzipEntries } from './xlsx-xml';

/**
 * Reads a .docx by a route independent of the docx library: the zip unpacked by hand and the
 * document XML read with regular expressions. Paragraphs outside tables in reading order with
 * their style, tables as rows of cell text, and the page headers' text.
 */

export interface DocxParagraph {
  style: string | null;
  text: string;
}

export interface DocxBook {
  entries: Map<string, Buffer>;
  documentXml: string;
  /** Paragraphs outside tables, in order. */
  paragraphs: DocxParagraph[];
  /** Each table's rows of cell text; a line break in a cell reads as \n. */
  tables: string[][][];
  /** Text of every header part (header1.xml …). */
  headers: string[];
  /** Text of every footer part, fields as their instruction (PAGE). */
  footers: string[];
}

function textOf(xml: string): string {
  let out = '';
  for (const m of xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:br\/>|<w:instrText[^>]*>([^<]*)<\/w:instrText>/g)) {
    if (m[0] === '<w:br/>') out += '\n';
    else out += decodeXml(m[1] ?? m[2] ?? '');
  }
  return out;
}

function paragraphsOf(xml: string): DocxParagraph[] {
  return [...xml.matchAll(/<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>/g)].map((m) => ({
    style: /<w:pStyle w:val="([^"]+)"\/>/.exec(m[1]!)?.[1] ?? null,
    text: textOf(m[1]!),
  }));
}

export function readDocxXml(bytes: Uint8Array): DocxBook {
  const entries = unzipEntries(bytes);
  const documentXml = entries.get('word/document.xml')!.toString('utf8');
  const body = /<w:body>([\s\S]*)<\/w:body>/.exec(documentXml)![1]!;
  const tables: string[][][] = [];
  const outside = body.replace(/<w:tbl>([\s\S]*?)<\/w:tbl>/g, (table) => {
    tables.push([...table.matchAll(/<w:tr(?:\s[^>]*)?>([\s\S]*?)<\/w:tr>/g)].map((row) => [...row[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((cell) => textOf(cell[1]!))));
    return '';
  });
  const parts = (prefix: string) =>
    [...entries.keys()].filter((name) => name.startsWith(`word/${prefix}`) && name.endsWith('.xml')).sort().map((name) => textOf(entries.get(name)!.toString('utf8')));
  return { entries, documentXml, paragraphs: paragraphsOf(outside), tables, headers: parts('header'), footers: parts('footer') };
}
