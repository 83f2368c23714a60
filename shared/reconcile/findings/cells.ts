/** Findings about single cells and rows of a return: what could not be read, matched or converted, and unknown regions. */
import type { Indicator, ReportedRecord, ReturnRecord, UnreadableWhy } from '../../domain';
import { filingYear } from '../../domain';
import type { Draft } from '../finding-draft';
import { formatNumber } from '../messages';
import { rowKeyOf } from '../resolution-lookup';
import { stableHash } from '../stable-id';

export function cellFindings(
  records: ReportedRecord[],
  indicators: Map<string, Indicator>,
  returnYears: Map<number, number>,
  /** Only findings filed under these years (a year-scoped answer); every year when absent. */
  years?: ReadonlySet<number>,
): Draft[] {
  const drafts: Draft[] = [];
  const seenRows = new Set<string>();
  // A row's question goes on the worklist of each year it reports; a 上年值 or a restated
  // target alone does not put it on that year's.
  const reportsValues = new Set(records.filter((r) => r.role === 'value').map((r) => rowKeyOf(r)));
  for (const r of records) {
    const p = r.problem;
    if (!p) continue;
    const year = filingYear(r.role, r.year, returnYears.get(r.returnId));
    if (years !== undefined && !years.has(year)) continue;
    if ((p.kind === 'unmatched_row' || p.kind === 'ambiguous_match') && r.role !== 'value' && reportsValues.has(rowKeyOf(r))) continue;
    const common = {
      indicator: r.indicator,
      name: r.indicator ? (indicators.get(r.indicator)?.name ?? r.rowName) : r.rowName,
      bureau: r.bureau,
      region: r.region,
      year,
      file: r.file,
      sheet: r.sheet,
      cell: r.cell,
    };
    if (p.kind === 'unmatched_row' || p.kind === 'ambiguous_match') {
      // A row the officer mapped keeps its finding, resolved, so her decision stays in view.
      const mapped = r.indicator !== null;
      const rowKey = `${p.kind}|${r.returnId}|${r.sheet}|${r.rowName}|${common.year}`;
      if (seenRows.has(rowKey)) continue;
      seenRows.add(rowKey);
      const returnYear = returnYears.get(r.returnId) ?? null;
      drafts.push({
        ...common,
        cell: p.nameCell ?? r.cell,
        kind: p.kind,
        idParts: returnYear !== null && r.year !== returnYear ? [r.returnId, r.sheet, r.rowName, r.year] : [r.returnId, r.sheet, r.rowName],
        basis: stableHash([r.rowName]),
        candidates: p.candidates,
        ...(mapped ? { decidedOnly: true as const } : {}),
        message:
          p.kind === 'unmatched_row'
            ? `“${r.rowName}”未能对应到指标体系中的指标`
            : `“${r.rowName}”未自动对应，可能是：${p.candidates.slice(0, 3).map((c) => (c.reason ? `${c.name}（${c.reason}）` : c.name)).join('；')}`,
      });
      continue;
    }
    const messages = {
      unparseable_value: () => (p.kind === 'unparseable_value' ? UNREADABLE[p.why ?? 'unreadable'](r.rawText) : ''),
      formula_error: () => `公式计算出错（${p.kind === 'formula_error' ? p.code : ''}），请填报单位核实`,
      unit_mismatch: () => (p.kind === 'unit_mismatch' ? (p.reason ?? `单位“${p.from}”无法换算为指标单位“${p.to}”`) : ''),
      unit_converted: () =>
        p.kind === 'unit_converted' ? `已将 ${formatNumber(p.original)}${p.from} 换算为 ${formatNumber(r.value)}${p.to}` : '',
    } as const;
    drafts.push({
      ...common,
      kind: p.kind,
      idParts: [r.returnId, r.sheet, r.cell, r.role],
      basis: stableHash([r.rawText, r.value]),
      message: messages[p.kind](),
    });
  }
  return drafts;
}
/** What an unparseable_value finding says, by why the cell was not read. */
const UNREADABLE: Record<UnreadableWhy | 'unreadable', (text: string) => string> = {
  unreadable: (shown) => `“${shown}”不是可识别的数值`,
  inexact: (shown) => `“${shown}”是约数或范围，不是确切的数值，请填报单位核实`,
  scaled: (held) => `单元格中存的是 ${held}，单元格格式把它显示成另一个数（按千、万等缩写），所写单位可能指显示的数，请填报单位核实`,
};

/** A region the workbook does not list, whether the whole return's or one column's (兰陵县 …). */
export function unknownRegionFindings(returns: ReturnRecord[], records: ReportedRecord[], regions: string[]): Draft[] {
  const seen = new Map<string, { returnId: number; region: string; year: number; bureau: string | null; file: string; sheet: string | null; cell: string | null }>();
  for (const r of returns) {
    if (!regions.includes(r.region)) seen.set(`${r.id}|${r.region}`, { returnId: r.id, region: r.region, year: r.year, bureau: r.bureau, file: r.file, sheet: null, cell: null });
  }
  for (const r of records) {
    const key = `${r.returnId}|${r.region}`;
    if (r.role === 'value' && !regions.includes(r.region) && !seen.has(key)) {
      seen.set(key, { returnId: r.returnId, region: r.region, year: r.year, bureau: r.bureau, file: r.file, sheet: r.sheet, cell: r.cell });
    }
  }
  return [...seen.values()].map((u) => ({
    kind: 'unknown_region' as const,
    idParts: [u.returnId, u.region],
    basis: stableHash([u.region]),
    indicator: null,
    name: null,
    bureau: u.bureau,
    region: u.region,
    year: u.year,
    file: u.file,
    sheet: u.sheet,
    cell: u.cell,
    message: `报表中的地区“${u.region}”不在本工作簿的地区列表中，其数据按该地区单列`,
  }));
}
