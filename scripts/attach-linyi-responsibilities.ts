/**
 * Fills the `bureaus` list and the `responsibility` of resources/schemas/linyi-2022.json from
 * the clauses of 临发改社会〔2022〕316号. An indicator gets a clause only where the paragraph
 * that carries the clause states the indicator's own figure (LINYI_CLAUSES below, each with the
 * words that prove it); every other indicator keeps an empty responsibility. Nothing else in
 * the file is touched.
 *
 *   npx tsx scripts/attach-linyi-responsibilities.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { emptyResponsibility } from '../shared/domain/indicator';
import type { Schema } from '../shared/domain/schema';
import { bureausForRegion, type BureauList } from '../shared/schema/bureau-list';
import { extractResponsibilityClauses, parseResponsibility, toResponsibility } from '../shared/schema/parse-responsibility';

export const LINYI_SOURCE = '临发改社会〔2022〕316号';
export const LINYI_REGION = '临沂市';

/** Indicator name → the clause of the paragraph that states its figure, and the words that do. */
export const LINYI_CLAUSES: readonly { name: string; citation: string; evidence: string }[] = [
  { name: '失能特困人员集中供养率', citation: '四(一)1', evidence: '失能特困老年人集中供养率达到60%以上' },
  { name: '有集中供养意愿的特困人员集中供养率', citation: '四(一)1', evidence: '有集中供养意愿的特困老年人集中供养率达到100%' },
  { name: '特殊困难老年人适老化改造数量', citation: '四(一)1', evidence: '开展特殊困难老年人家庭适老化改造工程' },
  { name: '每千人口托位数', citation: '四(一)2', evidence: '每千人口托位数达到4.6个以上' },
  { name: '养老机构护理型养老床位占比', citation: '四(一)4', evidence: '养老机构护理型床位占比达到60%以上' },
  { name: '街道综合养老服务中心覆盖率', citation: '四(一)4', evidence: '街道、乡镇区域综合养老服务中心覆盖率分别达到100%、60%以上' },
  { name: '乡镇区域性综合养老服务中心覆盖率', citation: '四(一)4', evidence: '街道、乡镇区域综合养老服务中心覆盖率分别达到100%、60%以上' },
  { name: '新建居住区配建养老服务设施达标率', citation: '四(一)4', evidence: '全市社区养老服务设施配建达标率和利用率达到100%' },
  { name: '社区养老服务设施覆盖率', citation: '四(二)1', evidence: '城乡社区养老服务设施服务覆盖率和规范运营率均达到100%' },
  { name: '特殊困难老年人月探访率', citation: '四(二)2', evidence: '建立健全特殊困难老年人巡访关爱制度,定期开展探视与帮扶服务,月探访率达到100%' },
  { name: '老年大学县级覆盖率', citation: '四(二)4', evidence: '每个县区至少建有1所老年大学' },
  { name: '社区托育服务覆盖率', citation: '四(二)5', evidence: '社区托育服务中心覆盖率达50%' },
  { name: '养老机构医养结合服务覆盖率', citation: '四(三)3', evidence: '实现养老机构医养结合服务覆盖率达到100%' },
];

const root = fileURLToPath(new URL('..', import.meta.url));

/** The schema with bureaus and responsibilities attached; every other field as it was. */
export function attachLinyiResponsibilities(schema: Schema, documentText: string, bureauList: BureauList): Schema {
  const bureaus = bureausForRegion(bureauList, LINYI_REGION);
  const clauses = extractResponsibilityClauses(documentText);
  const paragraphs = documentText.split(/\r?\n/);
  const indicators = schema.indicators.map((indicator) => {
    const mapping = LINYI_CLAUSES.find((entry) => entry.name === indicator.name);
    if (!mapping) return { ...indicator, responsibility: emptyResponsibility() };
    const clause = clauses.find((found) => found.citation === mapping.citation);
    if (!clause) throw new Error(`${LINYI_SOURCE} 中没有 ${mapping.citation} 的责任分工`);
    const paragraph = paragraphs.find((line) => line.includes(clause.text)) ?? '';
    if (!paragraph.includes(mapping.evidence)) {
      throw new Error(`${mapping.citation} 所在段落没有写“${mapping.evidence}”，不能据此认定“${indicator.name}”的责任单位`);
    }
    const parsed = parseResponsibility(clause.text, bureaus);
    if (parsed.unknownNames.length > 0) throw new Error(`${mapping.citation} 中有名单外的单位：${parsed.unknownNames.join('、')}`);
    return { ...indicator, responsibility: toResponsibility(parsed, `${LINYI_SOURCE} ${mapping.citation}`) };
  });
  const missing = LINYI_CLAUSES.filter((entry) => !schema.indicators.some((indicator) => indicator.name === entry.name));
  if (missing.length > 0) throw new Error(`linyi-2022.json 中找不到指标：${missing.map((entry) => entry.name).join('、')}`);
  return { ...schema, indicators, bureaus };
}

function main(): void {
  const file = `${root}resources/schemas/linyi-2022.json`;
  const schema = JSON.parse(readFileSync(file, 'utf8')) as Schema;
  const documentText = readFileSync(`${root}test/fixtures/seeds/seed-001-excerpt.txt`, 'utf8');
  const bureauList = JSON.parse(readFileSync(`${root}resources/bureaus.json`, 'utf8')) as BureauList;
  const attached = attachLinyiResponsibilities(schema, documentText, bureauList);
  writeFileSync(file, `${JSON.stringify(attached, null, 2)}\n`);
  const count = attached.indicators.filter((indicator) => indicator.responsibility.citation !== '').length;
  console.log(`已写入 ${file}：${attached.bureaus.length} 个单位，${count} 个指标有责任分工`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
