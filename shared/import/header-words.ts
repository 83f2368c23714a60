import { normalizeText } from './detect-sheet-view';
import { stripEnglishGloss } from './name-parts';

/** Header words of the columns that are not figures. */
export type WordRole = 'name' | 'region' | 'year' | 'unit' | 'code' | 'seq' | 'area' | 'category' | 'note' | 'ignore';

/** Bracketed asides in a header ("指标名称（单位）", "备注(说明)") do not change what it is. */
function stripAsides(text: string): string {
  return text.replace(/\([^)]*\)/g, '').replace(/【[^】]*】/g, '');
}

const RULES: [RegExp, WordRole][] = [
  // The template's key column (DESIGN "Template key") and plain code columns.
  // Place codes beside place names in panels (省份代码 110000, 城市代码, 行政区划代码) are no figures.
  [/^(_code|指标编码|指标代码|编码|代码|指标编号|(?:省份|省|城市|地区|县区|区县|行政区划|区划)(?:代码|编码|编号))$/i, 'code'],
  [/^(序号|序|编号|行次|栏次|No\.?)$/i, 'seq'],
  [/^(主要|核心|具体|监测|评价|考核|统计|重点)?(指标|项目)(名称|内容|项|名)?(及单位)?$/, 'name'],
  [/^(名称|内容)$/, 'name'],
  // The region column of a table that runs regions down its rows (yearbook district tables).
  [/^(地区|地区名称|区域|区县|县区|县市区|市县区|县\(市、?区\)|县\(市\)|县\(区\)|县市|市县|地市|城市|省份|省市|省区市|省\(区、?市\)|省、?自治区、?直辖市|各地区|各区县|各县区|行政区划|行政区|乡镇|乡镇\(街道\)|镇街|街镇|镇\(街道\))$/, 'region'],
  // The column that gives each row its year: yearbook series (年份 | 国内生产总值 | …, 2010 down),
  // panel data (省份 | 年份 | GDP) and long tables (指标 | 年份 | 数值).
  [/^(年份|年度|年|统计年度|统计年份|年度标识|会计年度|时间|year)$/i, 'year'],
  [/^(计量)?单位$/, 'unit'],
  [/^(领域|方面|板块|所属领域|指标领域)$/, 'area'],
  [/^(类别|分类|类型|指标类别|大类|所属类别)$/, 'category'],
  [/^(备注|说明|数据来源|来源|口径|口径说明|计算方法|统计口径|情况说明)$/, 'note'],
  // Restated responsibility and attribute columns: shown in the preview, not read as figures.
  [/^(属性|指标属性|指标性质|性质|牵头单位|责任单位|配合单位|牵头部门|责任部门|填报单位|年均增长|年均增速|增速|增幅|增长率|完成进度|进度|是否达标|达标情况)$/, 'ignore'],
];

/** What a non-figure column header says, or null when it is none of these words. */
export function readWordHeader(header: string): WordRole | null {
  const text = stripAsides(normalizeText(stripEnglishGloss(header)));
  if (text === '') return null;
  for (const [pattern, role] of RULES) if (pattern.test(text)) return role;
  return null;
}

/** Names of subtotal rows, which restate other rows and are no indicator. */
export function isSubtotalName(name: string): boolean {
  return /^(合计|小计|总计|总合计|共计)$/.test(normalizeText(name));
}

export { readSectionHeading } from './name-parts';
