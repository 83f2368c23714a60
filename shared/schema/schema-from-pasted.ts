import type { Indicator } from '../domain/indicator';
import { emptyResponsibility } from '../domain/indicator';
import type { Schema } from '../domain/schema';
import { defaultAggregation, defaultDirection, defaultScope } from './indicator-defaults';
import { parsePastedIndicatorTable, type PastedIndicatorRow, type PastedTableProblem } from './parse-pasted-table';

export interface PastedSchemaOptions {
  id: string;
  /** The schema's name; the table's caption by default. */
  name?: string;
  region: string;
  baseYear?: number;
  targetYear?: number;
  /** Where the table came from (the document); 粘贴的指标表 by default, never the name again. */
  source?: string;
}

export interface PastedSchemaResult {
  schema: Schema | null;
  problems: PastedTableProblem[];
}

const AREA_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWYZ';

/**
 * Codes for a pasted table: one letter per area in the order the table gives them, two digits
 * in the area (A01 …), as the built-in schemas do. Once a workbook exists they never change.
 */
function assignCodes(rows: readonly PastedIndicatorRow[]): string[] {
  const areas: string[] = [];
  const counts = new Map<string, number>();
  return rows.map((row) => {
    if (!areas.includes(row.area)) areas.push(row.area);
    const letter = AREA_LETTERS[areas.indexOf(row.area)] ?? 'Z';
    const n = (counts.get(row.area) ?? 0) + 1;
    counts.set(row.area, n);
    return `${letter}${String(n).padStart(2, '0')}`;
  });
}

/** `cite`: the table each figure was read from, its caption where it has one. */
function toIndicator(row: PastedIndicatorRow, code: string, baseYear: number, targetYear: number, cite: string): Indicator {
  const base = {
    code,
    name: row.name,
    area: row.area,
    category: row.category,
    unit: row.unit,
    unitSynonyms: [],
    decimals: row.decimals,
    baselineYear: baseYear,
    baselineValue: row.baselineValue,
    targetYear,
    targetValue: row.targetValue,
    targetOp: row.targetOp,
    targetText: row.targetText,
    attribute: row.attribute,
    formula: null,
    auxiliary: false,
    allowAbove100: false,
    changeFactor: null,
    aliases: [],
    responsibility: emptyResponsibility(),
    reporter: null,
    reporterProposed: false,
    notes: `${cite}：${row.name}（${row.unit}）${baseYear}年 ${row.baselineText}，${targetYear}年 ${row.targetRaw}`,
  };
  return { ...base, direction: defaultDirection(base), scope: defaultScope(base), aggregation: defaultAggregation(base) };
}

/**
 * A schema from an indicator table copied out of a policy document. What cannot be parsed is
 * returned line by line and no schema is made: the officer fixes the text, nothing is guessed.
 */
export function schemaFromPastedTable(text: string, options: PastedSchemaOptions): PastedSchemaResult {
  const table = parsePastedIndicatorTable(text, {
    ...(options.baseYear === undefined ? {} : { baseYear: options.baseYear }),
    ...(options.targetYear === undefined ? {} : { targetYear: options.targetYear }),
  });
  const problems = [...table.problems];
  if (table.baseYear === null || table.targetYear === null) {
    problems.push({ line: 0, text: '', reason: '未找到表头中的基期年和目标年（如“2020年 2025年”），请一并粘贴表头行。' });
  }
  if (table.rows.length === 0) problems.push({ line: 0, text: '', reason: '没有读到任何指标行。' });
  if (problems.length > 0 || table.baseYear === null || table.targetYear === null) return { schema: null, problems };
  // The caption names the schema; the source says where it came from, so the name is shown once
  // (指标体系 prints “name（source）”).
  const source = options.source ?? '粘贴的指标表';
  const cite = table.title ?? source;
  const codes = assignCodes(table.rows);
  return {
    schema: {
      id: options.id,
      name: options.name ?? table.title ?? '粘贴的指标体系',
      region: options.region,
      baseYear: table.baseYear,
      targetYear: table.targetYear,
      source,
      indicators: table.rows.map((row, i) => toIndicator(row, codes[i]!, table.baseYear!, table.targetYear!, cite)),
      rules: [],
      bureaus: [],
    },
    problems: [],
  };
}
