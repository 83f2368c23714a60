/**
 * Builds resources/schemas/linyi-2022.json, the built-in schema 临沂市养老托育服务具体指标, from
 * the table as the document prints it (test/fixtures/seeds/001-linyi-table.txt, a verbatim copy
 * of seed 001, lines 90–126), and adds what the table does not carry: codes, unit synonyms,
 * 口径, roll-up, auxiliary indicators, rules and the prose sentences restating each figure.
 *
 *   npx tsx scripts/build-linyi-schema.ts
 *   npx tsx scripts/attach-linyi-responsibilities.ts   (bureaus and 责任单位, kept on rebuild)
 *
 * Codes never change once shipped (templates and aliases use them). The scheme: one letter per
 * 领域 as the table orders them — A 社会保障情况, B 服务资源总量, C 服务覆盖面或可及性,
 * D 服务对象保障程度, E 产业发展情况 — and two digits in table order within it (C08 is the
 * eighth row of 服务覆盖面或可及性); X01… are auxiliary indicators (辅助指标). A new indicator
 * takes the next free number of its letter; a dropped one leaves its code unused.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Indicator, Scope, Aggregation } from '../shared/domain/indicator';
import { emptyResponsibility } from '../shared/domain/indicator';
import type { Rule, Schema } from '../shared/domain/schema';
import { parsePastedIndicatorTable, type PastedIndicatorRow } from '../shared/schema/parse-pasted-table';
import { validateSchema } from '../shared/schema/validate-schema';

const FIXTURE = new URL('../test/fixtures/seeds/001-linyi-table.txt', import.meta.url);
const OUTPUT = new URL('../resources/schemas/linyi-2022.json', import.meta.url);
const DOCUMENT = '临发改社会〔2022〕316号';

interface Supplement {
  code: string;
  unitSynonyms?: string[];
  scope?: Scope;
  aggregation: Aggregation;
  formula?: string;
  aliases?: string[];
  /** Prose sentences of the document restating or contradicting the table's figures. */
  prose?: string[];
}

const ratio: Aggregation = 'none';

/** Keyed by the name the table prints; every row of the table must have an entry. */
const PUBLISHED: Record<string, Supplement> = {
  基本养老保险参保率: {
    code: 'A01',
    aggregation: ratio,
    prose: ['正文：“到2025年,基本养老保险参保率持续提高”——正文为定性表述，表中目标值为95%，以表为准。'],
  },
  长期护理保险参保率: {
    code: 'A02',
    aggregation: ratio,
    prose: [
      '正文：“长期护理保险实现全覆盖”；又：“2025年底前,实现城乡居民长期护理保险全覆盖。”——正文说全覆盖，表中目标值为50%，二者不一致，以表为准。',
    ],
  },
  全市养老服务设施: {
    code: 'B01',
    aggregation: 'sum',
    unitSynonyms: ['个'],
    aliases: ['养老服务设施'],
    prose: [
      '正文：“养老服务设施达到1000处以上”——与表中≥1000一致。',
      '正文：“各类养老服务设施958处”——正文2020年底为958处，表中基期值为971处，二者不一致，以表为准。',
    ],
  },
  示范性老年友好社区: { code: 'B02', aggregation: 'sum' },
  登记备案的托育机构数: {
    code: 'B03',
    aggregation: 'sum',
    unitSynonyms: ['家', '个'],
    prose: [
      '正文：“建成托育机构49家,备案5家”；又：“全市登记备案的托育机构18家”——正文给出的备案数与表中基期值0不一致，以表为准。',
    ],
  },
  托位总数: {
    code: 'B04',
    aggregation: 'sum',
    // 托位 are counted like beds in some returns (张); one 托位 is one 张, so no conversion.
    unitSynonyms: ['万张'],
    aliases: ['托位数'],
    prose: [
      '正文：“托位总数达到5万个”；又：“到2025年全市托位数达到5万个”——与表中目标值5万个一致。',
      '正文：“2020年底……全市登记备案的托育机构18家,托位总数2.8万个”——正文基期为2.8万个，表中基期值为0.6万个，二者不一致，以表为准。',
    ],
  },
  街道综合养老服务中心覆盖率: {
    code: 'C01',
    aggregation: ratio,
    prose: ['正文：“街道、乡镇区域综合养老服务中心覆盖率分别达到100%、60%以上”——与表中100%一致。'],
  },
  乡镇区域性综合养老服务中心覆盖率: {
    code: 'C02',
    aggregation: ratio,
    prose: ['正文：“街道、乡镇区域综合养老服务中心覆盖率分别达到100%、60%以上”——与表中≥60%一致。'],
  },
  新建居住区配建养老服务设施达标率: {
    code: 'C03',
    aggregation: ratio,
    prose: [
      '正文：“出台社区养老服务设施用房规划、建设、移交与管理使用办法,配建率达到71%”——与表中基期值71%一致。',
      '正文：“2025年,全市社区养老服务设施配建达标率和利用率达到100%”——与表中目标值一致。',
    ],
  },
  社区养老服务设施覆盖率: {
    code: 'C04',
    aggregation: ratio,
    prose: ['正文：“2025年,城乡社区养老服务设施服务覆盖率和规范运营率均达到100%”——与表中目标值一致。'],
  },
  老年志愿者注册人数占老年人口比例: { code: 'C05', aggregation: ratio },
  每千名老年人配套社会工作者人数: {
    code: 'C06',
    // A ratio whose components (社会工作者人数, 老年人口) the document does not give: not aggregable.
    aggregation: ratio,
    unitSynonyms: ['名'],
  },
  老年大学县级覆盖率: {
    code: 'C07',
    aggregation: ratio,
    prose: ['正文：“2025年底前,每个县区至少建有1所老年大学”——与表中100%一致。'],
  },
  每千人口托位数: {
    code: 'C08',
    aggregation: 'recompute',
    formula: 'B04 / X01 * 1000',
    // The table prints (人), the prose 4.6个: both mean 托位 per thousand residents, the same figure.
    unitSynonyms: ['个', '张', '个/千人'],
    aliases: ['每千人口拥有3岁以下婴幼儿托位数'],
    prose: [
      '正文：“每千人口托位数达到4.6个”；又：“到2025年,每千人口托位数达到4.6个以上”——正文单位为“个”，表中印作“(人)”，同一数值；后一句写“以上”，表中为不带比较符的4.6，以表为准。',
      '基期值0.6与托位总数基期值0.6万个数字相同，属巧合而非同一数据：正文“全市60岁及以上人口为216.3万人,占常住人口的19.63%”推得常住人口约1102万人，0.6万个托位约合每千人0.54个，5万个约合4.5个，与表中0.6、4.6均在约数范围内，但按公式复核时可能相差一位小数。',
    ],
  },
  婴幼儿基本公共服务覆盖面: { code: 'C09', aggregation: ratio },
  社区托育服务覆盖率: {
    code: 'C10',
    aggregation: ratio,
    aliases: ['社区托育服务中心覆盖率'],
    prose: [
      '正文：“2025年,社区托育服务中心覆盖率达50%”——与表中目标值一致。',
      '正文：“城市社区托育服务覆盖率约30%”——仅指城市社区，表中基期值15%为全市口径。',
    ],
  },
  养老机构护理型养老床位占比: {
    code: 'D01',
    aggregation: 'recompute',
    formula: 'X03 / X02 * 100',
    aliases: ['养老机构护理型床位占比', '护理型床位占比'],
    prose: [
      '正文：“2025年底前,养老机构护理型床位占比达到60%以上”——与表中≥60%一致。',
      '正文：“实现了县区全覆盖,护理型床位占比41.2%”——正文为41.2%，表中基期值为50%，二者不一致，以表为准。',
    ],
  },
  养老机构医养结合服务覆盖率: {
    code: 'D02',
    aggregation: ratio,
    prose: ['正文：“2025年,实现养老机构医养结合服务覆盖率达到100%”——与表中目标值一致。'],
  },
  '65岁及以上老年人城乡社区规范健康管理服务率': { code: 'D03', aggregation: ratio },
  特殊困难老年人月探访率: {
    code: 'D04',
    aggregation: ratio,
    prose: ['正文：“定期开展探视与帮扶服务,月探访率达到100%”——与表中目标值一致。'],
  },
  特殊困难老年人适老化改造数量: {
    code: 'D05',
    aggregation: 'sum',
    // 到2025年改造2.8万户: a count of homes adapted over the plan period, not a year-end stock.
    scope: 'cumulative',
    aliases: ['特殊困难老年人家庭适老化改造数量'],
    prose: [
      '正文：“开展特殊困难老年人家庭适老化改造工程……到2025年改造2.8万户”——与表中28000户一致，为规划期内累计改造户数，故口径为累计。',
    ],
  },
  失能特困人员集中供养率: {
    code: 'D06',
    aggregation: ratio,
    aliases: ['失能特困老年人集中供养率'],
    prose: ['正文：“失能特困老年人集中供养率达到60%以上”——与表中≥60%一致。'],
  },
  有集中供养意愿的特困人员集中供养率: {
    code: 'D07',
    aggregation: ratio,
    aliases: ['有集中供养意愿的特困老年人集中供养率'],
    prose: ['正文：“有集中供养意愿的特困老年人集中供养率达到100%”——与表中目标值一致。'],
  },
  人均预期寿命: { code: 'D08', aggregation: ratio, unitSynonyms: ['年'] },
  示范性婴幼儿照护服务机构数: { code: 'D09', aggregation: 'sum', unitSynonyms: ['家', '处'] },
  从业人员持证上岗率: { code: 'D10', aggregation: ratio },
  普惠性托位占比: { code: 'D11', aggregation: 'recompute', formula: 'X04 / B04 * 100' },
  骨干养老企业数量: { code: 'E01', aggregation: 'sum', unitSynonyms: ['个'] },
  养老护理专业人才数: {
    code: 'E02',
    aggregation: 'sum',
    unitSynonyms: ['名'],
    prose: ['正文：“全市养老托育专业人才仅0.4万人左右”——与表中养老4500人、托育0人合计约0.45万人大体相符。'],
  },
  骨干托育企业数量: { code: 'E03', aggregation: 'sum', unitSynonyms: ['个'] },
  托育服务专业人才数: { code: 'E04', aggregation: 'sum', unitSynonyms: ['名'] },
};

function buildPublished(row: PastedIndicatorRow, baseYear: number, targetYear: number, printedLine: string): Indicator {
  const supplement = PUBLISHED[row.name];
  if (!supplement) throw new Error(`表中的“${row.name}”没有补充信息，请在 PUBLISHED 中为它分配代码`);
  const tableNote = `表“临沂市养老托育服务具体指标”：“${printedLine}”`;
  return {
    code: supplement.code,
    name: row.name,
    area: row.area,
    category: row.category,
    unit: row.unit,
    unitSynonyms: supplement.unitSynonyms ?? [],
    decimals: row.decimals,
    baselineYear: baseYear,
    baselineValue: row.baselineValue,
    targetYear,
    targetValue: row.targetValue,
    targetOp: row.targetOp,
    targetText: row.targetText,
    attribute: row.attribute,
    // Every indicator of this table is better when higher (rates, counts, life expectancy).
    direction: 'higher',
    scope: supplement.scope ?? 'stock',
    aggregation: supplement.aggregation,
    formula: supplement.formula ?? null,
    auxiliary: false,
    allowAbove100: false,
    changeFactor: null,
    aliases: supplement.aliases ?? [],
    responsibility: emptyResponsibility(),
    reporter: null,
    reporterProposed: false,
    notes: [tableNote, ...(supplement.prose ?? [])].join('\n'),
  };
}

function buildAuxiliary(
  code: string,
  name: string,
  unit: string,
  decimals: number,
  unitSynonyms: string[],
  notes: string,
  baseYear: number,
  targetYear: number,
): Indicator {
  return {
    code,
    name,
    area: '辅助指标',
    category: '',
    unit,
    unitSynonyms,
    decimals,
    baselineYear: baseYear,
    baselineValue: null,
    targetYear,
    targetValue: null,
    targetOp: null,
    targetText: null,
    attribute: '',
    direction: 'higher',
    scope: 'stock',
    aggregation: 'sum',
    formula: null,
    auxiliary: true,
    allowAbove100: false,
    changeFactor: null,
    aliases: [],
    responsibility: emptyResponsibility(),
    reporter: null,
    reporterProposed: false,
    notes,
  };
}

const RULES: Rule[] = [
  {
    id: 'R01',
    name: '每千人口托位数与托位总数、常住人口相符',
    left: 'C08',
    op: '=',
    right: 'B04 / X01 * 1000',
    tolerance: null,
    note: '每千人口托位数（人）= 托位总数（万个）÷ 常住人口（万人）× 1000。',
  },
  {
    id: 'R02',
    name: '护理型养老床位占比与床位数相符',
    left: 'D01',
    op: '=',
    right: 'X03 / X02 * 100',
    tolerance: null,
    note: '养老机构护理型养老床位占比（%）= 护理型床位数（张）÷ 养老机构床位数（张）× 100。',
  },
  {
    id: 'R03',
    name: '普惠性托位占比与托位数相符',
    left: 'D11',
    op: '=',
    right: 'X04 / B04 * 100',
    tolerance: null,
    note: '普惠性托位占比（%）= 普惠性托位数（万个）÷ 托位总数（万个）× 100。',
  },
  {
    id: 'R04',
    name: '普惠性托位数不超过托位总数',
    left: 'X04',
    op: '<=',
    right: 'B04',
    tolerance: null,
    note: '普惠性托位是托位总数的一部分。',
  },
  {
    id: 'R05',
    name: '护理型床位数不超过养老机构床位数',
    left: 'X03',
    op: '<=',
    right: 'X02',
    tolerance: null,
    note: '护理型床位是养老机构床位的一部分。',
  },
];

export function buildLinyiSchema(tableText: string): Schema {
  const table = parsePastedIndicatorTable(tableText);
  if (table.problems.length > 0) {
    throw new Error(`表格有无法读取的行：\n${table.problems.map((p) => `第${p.line}行 ${p.text}：${p.reason}`).join('\n')}`);
  }
  const { baseYear, targetYear } = table;
  if (baseYear === null || targetYear === null) throw new Error('表头没有年份');
  const lines = tableText.split(/\r\n|\r|\n/);
  const published = table.rows.map((row) => buildPublished(row, baseYear, targetYear, (lines[row.line - 1] ?? '').trim()));
  const missing = Object.keys(PUBLISHED).filter((name) => !table.rows.some((row) => row.name === name));
  if (missing.length > 0) throw new Error(`表中没有读到：${missing.join('、')}`);

  const auxiliary = [
    buildAuxiliary('X01', '常住人口', '万人', 2, [], '辅助指标：用于按公式复核每千人口托位数（C08 = B04 ÷ X01 × 1000）及县区汇总后重新计算。文件未列出基期值；正文“全市60岁及以上人口为216.3万人,占常住人口的19.63%”推得常住人口约1102万人。', baseYear, targetYear),
    buildAuxiliary('X02', '养老机构床位数', '张', 0, [], '辅助指标：养老机构护理型养老床位占比（D01）的分母。正文：“2020年底,全市共有养老机构124处、床位2.5万张”。', baseYear, targetYear),
    buildAuxiliary('X03', '护理型床位数', '张', 0, [], '辅助指标：养老机构护理型养老床位占比（D01）的分子，不超过养老机构床位数（X02）。', baseYear, targetYear),
    buildAuxiliary('X04', '普惠性托位数', '万个', 2, ['万张'], '辅助指标：普惠性托位占比（D11 = X04 ÷ B04 × 100）的分子，不超过托位总数（B04）。', baseYear, targetYear),
  ];

  const schema: Schema = {
    id: 'linyi-2022',
    name: table.title ?? '临沂市养老托育服务具体指标',
    region: '临沂市',
    baseYear,
    targetYear,
    source: `临沂市"一老一小"整体解决方案（${DOCUMENT}）`,
    indicators: [...published, ...auxiliary],
    rules: RULES,
    bureaus: [],
  };
  const problems = validateSchema(schema);
  if (problems.length > 0) throw new Error(problems.map((p) => `${p.code ?? ''} ${p.field}：${p.message}`).join('\n'));
  return schema;
}

/**
 * Bureaus, responsibilities and 填报单位 are attached afterwards by
 * scripts/attach-linyi-responsibilities.ts; a rebuild keeps what that step wrote.
 */
function keepAttachedFields(built: Schema, previous: Schema | null): Schema {
  if (!previous) return built;
  const earlier = new Map(previous.indicators.map((indicator) => [indicator.code, indicator]));
  return {
    ...built,
    bureaus: previous.bureaus,
    indicators: built.indicators.map((indicator) => {
      const old = earlier.get(indicator.code);
      if (!old) return indicator;
      return { ...indicator, responsibility: old.responsibility, reporter: old.reporter, reporterProposed: old.reporterProposed };
    }),
  };
}

// Run as a script writes the JSON; imported (by the test), it only builds.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const previous = existsSync(OUTPUT) ? (JSON.parse(readFileSync(OUTPUT, 'utf8')) as Schema) : null;
  const schema = keepAttachedFields(buildLinyiSchema(readFileSync(FIXTURE, 'utf8')), previous);
  writeFileSync(OUTPUT, `${JSON.stringify(schema, null, 2)}\n`, 'utf8');
  console.log(`已生成 ${OUTPUT.pathname}：${schema.indicators.length} 个指标，${schema.rules.length} 条核对规则`);
}
