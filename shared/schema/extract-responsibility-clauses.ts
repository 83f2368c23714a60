/** One responsibility clause found in a document, with where it stands. */
export interface ResponsibilityClause {
  /** The clause as printed: a table cell, or the bracketed group with its brackets. */
  text: string;
  /** Section numbering (`四(一)1`, `三、21`, `四(四)`) or the table's `序号 n`. */
  citation: string;
  /** The task it belongs to: the paragraph's title or the table's 重点任务 cell. */
  context: string;
}

const NUMERALS = '一二三四五六七八九十';
const TOP_HEADING = /^([一二三四五六七八九十]+)、/;
const SUB_HEADING = /^\(([一二三四五六七八九十]+)\)/;
/** Seed 003 lost every `(一`, `(二` … in conversion: a line opening with a bare `)` is the next subsection. */
const DAMAGED_SUB_HEADING = /^\)/;
const ITEM_HEADING = /^(\d{1,3})\s*[、.．)]/;
const LABELLED_CLAUSE = /\((牵头单位|责任单位|配合单位)[:]/;
const RESPONSIBILITY_VERB = /负责|牵头|配合/;

interface Position {
  top: string;
  sub: number;
  item: string;
}

/**
 * Finds every responsibility clause of a document: the 责任单位 column of a `|` table (seed
 * 000), bracketed `(责任单位:…)` / `(牵头单位:…)` clauses (seeds 001–003, closing bracket often
 * lost), and the unlabelled bracketed lists that close a paragraph (seed 004).
 */
export function extractResponsibilityClauses(documentText: string): ResponsibilityClause[] {
  const lines = documentText.normalize('NFKC').split(/\r?\n/);
  const original = documentText.split(/\r?\n/);
  const clauses: ResponsibilityClause[] = [];
  const position: Position = { top: '', sub: 0, item: '' };
  let table: { responsible: number; number: number; task: number } | null = null;

  lines.forEach((line, lineIndex) => {
    // The clause is cut from the line as printed; NFKC keeps CJK punctuation one unit long.
    const printedLine = original[lineIndex] ?? line;
    const printed = printedLine.length === line.length ? printedLine : line;
    const trimmed = line.trim();
    if (trimmed.includes('|')) {
      const cells = tableCells(trimmed);
      if (cells.includes('责任单位')) {
        table = {
          responsible: cells.indexOf('责任单位'),
          number: Math.max(cells.indexOf('序号'), 0),
          task: cells.findIndex((cell) => cell.includes('任务')),
        };
        return;
      }
      if (table) {
        const printedCells = tableCells(printed.trim());
        const clause = printedCells[table.responsible];
        const number = cells[table.number];
        if (clause && number && /^\d+$/.test(number)) {
          clauses.push({ text: clause, citation: `序号 ${number}`, context: printedCells[table.task] ?? '' });
        }
        return;
      }
    }
    table = null;
    if (trimmed === '') return;

    const clauseStart = findClauseStart(line);
    const numbered = moveTo(position, trimmed);
    if (clauseStart < 0) return;
    if (!numbered) {
      // 咸宁's 四、 lost 「(四)」 entirely before 加强人才培养: an unnumbered paragraph carrying its
      // own clause is a subsection in its own right.
      position.sub += 1;
      position.item = '';
    }
    clauses.push({
      text: printed.slice(clauseStart).trim(),
      citation: citationOf(position),
      context: titleOf(trimmed),
    });
  });
  return clauses;
}

/** The document number printed near the top (宣府办〔2023〕13号), or null. */
export function findDocumentNumber(documentText: string): string | null {
  const head = documentText.split(/\r?\n/).slice(0, 30).join('\n');
  return /[\u4e00-\u9fa5]+〔\d{4}〕\d+号/.exec(head)?.[0] ?? null;
}

function tableCells(line: string): string[] {
  const cells = line.split('|').map((cell) => cell.trim());
  if (cells.at(-1) === '') cells.pop();
  return cells;
}

/** Where a clause starts on the line, or -1: a labelled bracket, or a last bracket naming who is responsible. */
function findClauseStart(line: string): number {
  const labelled = LABELLED_CLAUSE.exec(line);
  if (labelled) return labelled.index;
  const body = line.trimEnd().replace(/[。;]$/, '');
  if (!body.endsWith(')')) return -1;
  let depth = 0;
  for (let index = body.length - 1; index >= 0; index -= 1) {
    if (body[index] === ')') depth += 1;
    if (body[index] === '(') depth -= 1;
    if (depth === 0) {
      return RESPONSIBILITY_VERB.test(body.slice(index)) ? index : -1;
    }
  }
  return -1;
}

/** Updates the section position from a line's opening number; false when the line has none. */
function moveTo(position: Position, line: string): boolean {
  const top = TOP_HEADING.exec(line);
  if (top) {
    Object.assign(position, { top: top[1], sub: 0, item: '' });
    return true;
  }
  const sub = SUB_HEADING.exec(line);
  if (sub) {
    Object.assign(position, { sub: numeralValue(sub[1] ?? ''), item: '' });
    return true;
  }
  if (DAMAGED_SUB_HEADING.test(line)) {
    Object.assign(position, { sub: position.sub + 1, item: '' });
    return true;
  }
  const item = ITEM_HEADING.exec(line);
  if (item) {
    position.item = item[1] ?? '';
    return true;
  }
  return false;
}

function citationOf(position: Position): string {
  const sub = position.sub > 0 ? `(${numeral(position.sub)})` : '';
  const item = position.item === '' ? '' : sub === '' && position.top !== '' ? `、${position.item}` : position.item;
  return `${position.top}${sub}${item}`;
}

/** The paragraph's title: the words before its first full stop, without the number. */
function titleOf(line: string): string {
  const unnumbered = line
    .replace(TOP_HEADING, '')
    .replace(SUB_HEADING, '')
    .replace(DAMAGED_SUB_HEADING, '')
    .replace(ITEM_HEADING, '');
  const title = unnumbered.split('。')[0] ?? unnumbered;
  return title.length > 40 ? `${title.slice(0, 40)}…` : title;
}

function numeralValue(text: string): number {
  if (text === '十') return 10;
  const [tens, units] = text.includes('十') ? text.split('十') : ['', text];
  const tensValue = tens === undefined ? 0 : tens === '' ? (text.includes('十') ? 1 : 0) : NUMERALS.indexOf(tens) + 1;
  const unitsValue = units ? NUMERALS.indexOf(units) + 1 : 0;
  return tensValue * 10 + unitsValue;
}

function numeral(value: number): string {
  if (value <= 10) return NUMERALS[value - 1] ?? String(value);
  const tens = Math.floor(value / 10);
  const units = value % 10;
  return `${tens > 1 ? NUMERALS[tens - 1] : ''}十${units > 0 ? NUMERALS[units - 1] : ''}`;
}
