/**
 * Delimited text (.csv, .txt, .tsv) as rows of fields: RFC 4180 quoting (quoted fields may hold
 * delimiters, doubled quotes and line breaks), CR, LF or CRLF line ends, and the delimiter
 * detected among comma, tab and semicolon (Excel's "Unicode 文本" is tab-separated; European
 * Excel writes semicolons).
 */
export type Delimiter = ',' | '\t' | ';';

const CANDIDATES: Delimiter[] = ['\t', ',', ';'];

/** What a full read of a delimited text found. */
export interface DelimitedScan {
  records: string[][];
  /** Fields read, empty ones included: a 95 MB file of commas is 95 million of them. */
  fields: number;
  /** Set when reading stopped because the fields passed `maxFields`. */
  tooMany: boolean;
  /** The line where a quote opened that never closed (it swallows the rest of the file). */
  unclosedQuoteLine: number | null;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** Line breaks in a slice, CRLF counted once: for the line numbers of messages. */
function lineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) n++;
  }
  return n;
}

/**
 * Splits into records honouring quotes, counting every field against `maxFields` as it goes
 * (the records of a file of empty fields would otherwise take gigabytes before any cell is
 * kept). Plain runs are sliced, not built a character at a time.
 */
export function scanDelimited(text: string, delimiter: Delimiter, maxFields = Number.POSITIVE_INFINITY): DelimitedScan {
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let fields = 0;
  let line = 1;
  let quoteLine = 0;
  const endField = () => {
    record.push(field);
    field = '';
    fieldStarted = false;
    fields++;
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  let i = 0;
  while (i < n) {
    if (fields > maxFields) return { records, fields, tooMany: true, unclosedQuoteLine: null };
    if (quoted) {
      const q = text.indexOf('"', i);
      const stop = q < 0 ? n : q;
      field += text.slice(i, stop);
      line += lineBreaks(text, i, stop);
      if (q < 0) {
        i = n;
      } else if (text.charCodeAt(q + 1) === QUOTE) {
        field += '"';
        i = q + 2;
      } else {
        quoted = false;
        i = q + 1;
      }
      continue;
    }
    const ch = text.charCodeAt(i);
    if (ch === QUOTE && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
      quoteLine = line;
      i++;
    } else if (ch === d) {
      endField();
      i++;
    } else if (ch === CR || ch === LF) {
      i += ch === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      endRecord();
      line++;
    } else {
      // A quote after the field's start is text (12"3), so a plain run ends only at a delimiter or line end.
      let j = i + 1;
      for (; j < n; j++) {
        const c = text.charCodeAt(j);
        if (c === d || c === CR || c === LF) break;
      }
      field += text.slice(i, j);
      fieldStarted = true;
      i = j;
    }
  }
  if (fieldStarted || field !== '' || record.length > 0) endRecord();
  return { records, fields, tooMany: fields > maxFields, unclosedQuoteLine: quoted ? quoteLine : null };
}

/** Splits into records honouring quotes; `delimiter` only matters outside quotes. */
export function parseDelimited(text: string, delimiter: Delimiter): string[][] {
  return scanDelimited(text, delimiter).records;
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
