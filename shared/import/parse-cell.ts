/**
 * Reading one cell of a return as a figure: what the bureau typed, in whatever form Excel, WPS or
 * a CSV export left it (0.935 with a percent format, "93.5%", "1,012", "２.８万", "≥60", "--").
 */
import type { TargetOp } from '../domain/indicator';
import type { CellRole, UnreadableWhy } from '../domain/return';
import type { GridCell } from './grid';
import { roundNoise, shiftDecimal } from './decimal';
import { isTargetInWords, readFigureText } from './figure-words';
import { memoText } from './memo';

export type { CellRole };

export interface CellContext {
  /** The indicator's unit is % (or ‰): lets the reading flag figures typed as fractions. */
  percentIndicator: boolean;
  role: CellRole;
}

export type CellReading =
  | {
      kind: 'number';
      /**
       * The figure in `unitInText` when the cell names a unit, else in the row's unit. A 万 or 亿
       * in the text stays in `unitInText` rather than being multiplied in, because "2.8万" means
       * 2.8 in a 万个 row and 28000 in a 个 row: only the unit converter, which knows the
       * schema's unit, can tell (see combineUnits and readValue).
       */
      value: number;
      /** ≥60, 60以上, 不低于60 → '>='; ≤, 以下, 不超过 → '<='. */
      op: TargetOp | null;
      /** The cell is a number shown through a percent format (0.935 as 93.5%). */
      percentFromFormat: boolean;
      /** A unit written in the cell itself: '%' for "82%", '万' for "2.8万", '户' for "28000户". */
      unitInText: string | null;
      /**
       * A percent indicator holding a plain number between 0 and 1 with no % sign or format:
       * probably a fraction (0.935 meant as 93.5%). Reported, never converted on a guess.
       */
      fractionSuspect: boolean;
    }
  | { kind: 'blank' }
  | { kind: 'formula_error'; code: string }
  /** A target written in words (持续提高, 全覆盖): kept as text, never turned into a number. */
  | { kind: 'qualitative'; text: string }
  | { kind: 'unparseable'; text: string; why?: UnreadableWhy };

/**
 * Reads a cell as a figure. Empty cells and the usual "no data" marks are `blank`; a formula's
 * error value is `formula_error`; anything that is not a number (with an optional comparator and
 * unit) is `unparseable`, or `qualitative` in a target column.
 */
export function readCellNumber(cell: GridCell | undefined, context: CellContext): CellReading {
  if (!cell) return { kind: 'blank' };
  const v = cell.value;
  switch (v.kind) {
    case 'empty':
      return { kind: 'blank' };
    case 'error':
      return { kind: 'formula_error', code: v.value.trim().toUpperCase() };
    case 'number':
      return readStoredNumber(v.value, cell.format, context);
    case 'text':
      return readText(v.value, context);
    default:
      return { kind: 'unparseable', text: rawTextOf(cell) };
  }
}

function readStoredNumber(stored: number, format: string, context: CellContext): CellReading {
  if (!Number.isFinite(stored)) return { kind: 'unparseable', text: String(stored) };
  if (scalesShownNumber(format)) return { kind: 'unparseable', text: formatNumber(stored, format), why: 'scaled' };
  const percent = hasPercentFormat(format);
  const value = shownValue(stored, format);
  return {
    kind: 'number',
    value,
    op: null,
    percentFromFormat: percent,
    unitInText: percent ? '%' : null,
    fractionSuspect: !percent && isFractionSuspect(value, context),
  };
}

function readText(text: string, context: CellContext): CellReading {
  const original = text.trim();
  const figure = readFigureText(original);
  switch (figure.kind) {
    case 'none':
      return { kind: 'blank' };
    case 'error':
      return { kind: 'formula_error', code: figure.code };
    case 'number':
      return {
        kind: 'number',
        value: roundNoise(figure.value),
        op: figure.op,
        percentFromFormat: false,
        unitInText: figure.unit,
        fractionSuspect: figure.unit === null && isFractionSuspect(figure.value, context),
      };
    default:
      // Plans state some targets in words (持续提高, 全覆盖); a figure column never does.
      return context.role === 'target' && isTargetInWords(original, 'target cell') ? { kind: 'qualitative', text: original } : { kind: 'unparseable', text: original };
  }
}

function isFractionSuspect(value: number, context: CellContext): boolean {
  return context.percentIndicator && value > 0 && value < 1;
}

/**
 * A number cell's figure as the sheet shows it: 0.935 through a percent format is 93.5, and
 * binary noise beyond 12 digits is dropped. Returns and schema sheets read number cells alike.
 */
export function shownValue(stored: number, format: string): number {
  return hasPercentFormat(format) ? shiftDecimal(stored, 2) : roundNoise(stored);
}

/**
 * True when the number format shows another number than the cell holds, besides a percentage:
 * a comma after the last digit (#,##0, shows 12000 as 12; 0.0,, in millions) or a decimal point
 * written as a literal among the digits (0!.0,"万" shows 12000 as 1.2万). The unit written beside
 * such a cell may be the shown number's or the held one's.
 */
export const scalesShownNumber: (format: string) => boolean = memoText((format) => {
  const section = format.split(';')[0] ?? '';
  if (/[0#?][!\\]\.[0#?]/.test(section)) return true;
  return /[0#?],+(?![0#?])/.test(unquotedFormat(section));
});

/**
 * True when the number format shows the value as a percentage: a '%' outside quoted literals and
 * not escaped. ('0.0"%"' only prints a percent sign after the number; it does not scale it.)
 */
export const hasPercentFormat: (format: string) => boolean = memoText((format) => unquotedFormat(format).includes('%'));

function unquotedFormat(format: string): string {
  return format.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
}

/**
 * The text a person sees in the cell, for storing as raw text: numbers through their number
 * format's decimals, grouping and percent sign; error values as their code.
 */
export function rawTextOf(cell: GridCell | undefined): string {
  if (!cell) return '';
  const v = cell.value;
  switch (v.kind) {
    case 'empty':
      return '';
    case 'number':
      return formatNumber(v.value, cell.format);
    case 'bool':
      return v.value ? 'TRUE' : 'FALSE';
    case 'date':
      return v.value.slice(0, 10);
    default:
      return v.value.trim();
  }
}

function formatNumber(value: number, format: string): string {
  const { placeholders, percent, decimals, grouped } = formatShape(format);
  if (placeholders === '' && !percent) return String(roundNoise(value));
  const shown = percent ? shiftDecimal(value, 2) : value;
  let text = placeholders === '' ? String(roundNoise(shown)) : shown.toFixed(decimals);
  if (grouped) text = groupThousands(text);
  return percent ? `${text}%` : text;
}

/** What formatNumber takes from a number format: a few formats serve every cell of a return. */
const formatShape = memoText((format) => {
  const section = unquotedFormat(format.split(';')[0] ?? '');
  const placeholders = /[0#?]/.test(section) ? section : '';
  const decimalsMatch = /\.([0#?]+)/.exec(placeholders);
  return {
    placeholders,
    percent: hasPercentFormat(section),
    decimals: decimalsMatch?.[1]?.length ?? 0,
    grouped: /[0#?],[0#?]/.test(placeholders),
  };
});

function groupThousands(text: string): string {
  const [whole = '', fraction] = text.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}
