/**
 * Delimited text (.csv, .txt, .tsv) as rows of fields: RFC 4180 quoting (quoted fields may hold
 * delimiters, doubled quotes and line breaks), CR, LF or CRLF line ends, and the delimiter
 * detected among comma, tab and semicolon (Excel's "Unicode 文本" is tab-separated; European
 * Excel writes semicolons).
 */
export type Delimiter = ',' | '\t' | ';';

const CANDIDATES: Delimiter[] = ['\t', ',', ';'];

/** Splits into records honouring quotes; `delimiter` only matters outside quotes. */
export function parseDelimited(text: string, delimiter: Delimiter): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  const endField = () => {
    record.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        field += ch;
      }
    } else if (ch === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (ch === delimiter) {
      endField();
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (fieldStarted || field !== '' || record.length > 0) endRecord();
  return records;
}

/**
 * The delimiter that splits the first lines most consistently into more than one field:
 * score = lines where it appears × how many of them agree on the same field count.
 */
export function detectDelimiter(text: string): Delimiter {
  const sample = text.slice(0, 64 * 1024);
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const delimiter of CANDIDATES) {
    const counts = parseDelimited(sample, delimiter)
      .slice(0, 50)
      .map((r) => r.length)
      .filter((n) => n > 1);
    if (counts.length === 0) continue;
    const frequency = new Map<number, number>();
    for (const n of counts) frequency.set(n, (frequency.get(n) ?? 0) + 1);
    const agreeing = Math.max(...frequency.values());
    const score = counts.length + agreeing;
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}
