import { selfRegion, subregionsOf, type Schema } from '../../shared/domain';
import { UserError } from '../../shared/api/errors';
import { listIndicatorAliases, saveIndicatorAlias } from '../store/aliases';
import { appendAudit } from '../store/audit';
import { listLayoutMemory, saveLayoutMemory } from '../store/layout-memory';
import { createWorkbook, type WritableWorkbook } from '../store/open';
import { listRegions } from '../store/regions';
import type { WorkbookService } from './workbook-service';

export interface RolloverResult {
  workbook: WritableWorkbook;
  baseYear: number;
  targetYear: number;
  /** Indicators whose baseline came from a year before the old plan's target year. */
  earlierBaselines: { code: string; name: string; year: number }[];
  withoutBaseline: string[];
}

/**
 * The next plan's workbook: its baselines are this plan's final consolidated values (the target
 * year's, or the latest year before it that has one, said in the notes) with their sources; its
 * targets are left for the officer to fill; bureaus, 填报单位, aliases, rules, regions and the
 * remembered layouts carry over. The old workbook is not changed, and is never the target.
 */
export function rolloverWorkbook(source: WorkbookService, out: string, targetYear: number, options: { force?: boolean } = {}): RolloverResult {
  const old = source.schema;
  const baseYear = old.targetYear;
  if (targetYear <= baseYear) {
    throw new UserError('bad_target_year', `新规划的目标年须晚于本规划的目标年 ${baseYear} 年，收到 ${targetYear} 年。`);
  }
  const regions = listRegions(source.workbook.db);
  const city = selfRegion(regions) ?? old.region;
  const years = Array.from({ length: baseYear - old.baseYear }, (_, i) => old.baseYear + 1 + i);
  const values = source.reconcile(years).values.filter((v) => v.region === city && v.value !== null && v.year <= baseYear);
  const earlierBaselines: RolloverResult['earlierBaselines'] = [];
  const withoutBaseline: string[] = [];
  const aliases = listIndicatorAliases(source.workbook.db);
  const schema: Schema = {
    ...old,
    id: `${old.id}-${baseYear}-${targetYear}`,
    name: old.name,
    baseYear,
    targetYear,
    source: `${old.source}（${baseYear}年完成值作基期）`,
    indicators: old.indicators.map((indicator) => {
      const final = values.filter((v) => v.indicator === indicator.code).sort((a, b) => b.year - a.year)[0];
      if (!final) withoutBaseline.push(indicator.name);
      else if (final.year < baseYear) earlierBaselines.push({ code: indicator.code, name: indicator.name, year: final.year });
      const where = final?.sources.map((s) => `${s.bureau}《${s.file}》${s.sheet}!${s.cell}`).join('；');
      const provenance = final
        ? `基期值取自上一规划期工作簿${final.year}年汇总值 ${final.value}${indicator.unit}${where ? `（来源：${where}）` : ''}。`
        : `上一规划期工作簿没有该指标的汇总值，基期值待填。`;
      return {
        ...indicator,
        baselineYear: baseYear,
        baselineValue: final?.value ?? null,
        targetYear,
        targetValue: null,
        targetOp: null,
        targetText: null,
        aliases: [...new Set([...indicator.aliases, ...aliases.filter((a) => a.code === indicator.code && !a.bureau).map((a) => a.alias)])],
        notes: [provenance, indicator.notes].filter(Boolean).join('\n'),
      };
    }),
  };
  const aliasesByBureau = aliases.filter((a) => a.bureau);
  const layouts = listLayoutMemory(source.workbook.db);
  // Written while the new workbook is built aside, so that it takes its name only when complete;
  // never onto the old workbook itself.
  const workbook = createWorkbook(out, {
    schema,
    region: city,
    subregions: subregionsOf(regions),
    force: options.force ?? false,
    operator: source.actor.operator,
    protect: [source.workbook.path],
    fill(db) {
      for (const alias of aliasesByBureau) saveIndicatorAlias(db, alias.alias, alias.code, alias.bureau ?? null);
      for (const memory of layouts) saveLayoutMemory(db, memory.bureau, memory.layout);
      appendAudit(db, {
        osUser: source.actor.osUser,
        operator: source.actor.operator,
        action: 'rollover',
        target: source.workbook.path,
        before: null,
        after: { baseYear, targetYear, baselines: schema.indicators.map((i) => ({ code: i.code, value: i.baselineValue })) },
      });
    },
  });
  return { workbook, baseYear, targetYear, earlierBaselines, withoutBaseline };
}
