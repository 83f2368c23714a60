import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Indicator } from '../../shared/domain/indicator';
import type { Schema } from '../../shared/domain/schema';
import { bureausForRegion, findAliasCollisions, type BureauList } from '../../shared/schema/bureau-list';
import { evaluate, parseExpression, referencedCodes } from '../../shared/schema/expression';
import { extractResponsibilityClauses, parseResponsibility } from '../../shared/schema/parse-responsibility';
import { validateSchema } from '../../shared/schema/validate-schema';
import { LINYI_CLAUSES } from '../../scripts/attach-linyi-responsibilities';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bureauList = JSON.parse(readFileSync(`${root}resources/bureaus.json`, 'utf8')) as BureauList;

function readSchema(id: string): Schema {
  return JSON.parse(readFileSync(`${root}resources/schemas/${id}.json`, 'utf8')) as Schema;
}

function readSeed(seed: string): string {
  return readFileSync(`${root}test/fixtures/seeds/seed-${seed}-excerpt.txt`, 'utf8');
}

const REGIONAL = [
  { id: 'xianning-2022', seed: '003', region: '咸宁市', source: '咸政办发〔2022〕6号' },
  { id: 'jiangxi-2022', seed: '004', region: '江西省', source: '赣府厅发〔2022〕2号' },
  { id: 'xuanhan-2023', seed: '000', region: '宣汉县', source: '宣府办〔2023〕13号' },
] as const;

const INDICATOR_FIELDS: Record<keyof Indicator, string> = {
  code: 'string', name: 'string', area: 'string', category: 'string', unit: 'string', unitSynonyms: 'object',
  decimals: 'number', baselineYear: 'number', baselineValue: 'number|null', targetYear: 'number',
  targetValue: 'number|null', targetOp: 'string|null', targetText: 'string|null', attribute: 'string',
  direction: 'string', scope: 'string', aggregation: 'string', formula: 'string|null', auxiliary: 'boolean',
  allowAbove100: 'boolean', changeFactor: 'number|null', aliases: 'object', responsibility: 'object',
  reporter: 'string|null', reporterProposed: 'boolean', notes: 'string',
};

/** `目标值4.5出自「…」（source）` lines: the figure and the sentence the builder quoted. */
function quotedFigures(indicator: Indicator, what: '目标值' | '基期值'): { value: string; sentence: string }[] {
  return [...indicator.notes.matchAll(new RegExp(`^${what}([\\d.]+)出自「(.+)」`, 'gm'))].map((match) => ({
    value: match[1] ?? '',
    sentence: match[2] ?? '',
  }));
}

function byCode(schema: Schema): Map<string, Indicator> {
  return new Map(schema.indicators.map((indicator) => [indicator.code, indicator]));
}

describe.each(['common', ...REGIONAL.map((entry) => entry.id)])('built-in schema %s', (id) => {
  const schema = readSchema(id);

  it('is a valid schema with every indicator field filled', () => {
    expect(validateSchema(schema)).toEqual([]);
    expect(schema.id).toBe(id);
    for (const indicator of schema.indicators) {
      for (const [field, type] of Object.entries(INDICATOR_FIELDS)) {
        const value = indicator[field as keyof Indicator];
        const actual = value === null ? 'null' : typeof value;
        expect(type.split('|'), `${indicator.code}.${field}`).toContain(actual);
      }
    }
  });

  it('has unique, readable codes', () => {
    const codes = schema.indicators.map((indicator) => indicator.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  it('gives each ratio its auxiliary components and the rules that follow', () => {
    const indicators = byCode(schema);
    const ratios = schema.indicators.filter((indicator) => /^每千|占比$/.test(indicator.name));
    expect(ratios.length).toBeGreaterThan(0);
    for (const ratio of ratios) expect(ratio.aggregation, ratio.name).toBe('recompute');
    for (const indicator of schema.indicators.filter((found) => found.aggregation === 'recompute')) {
      const parsed = parseExpression(indicator.formula ?? '');
      if (!parsed.ok) throw new Error(`${indicator.code}: ${parsed.message}`);
      const components = referencedCodes(parsed.expr).map((code) => indicators.get(code));
      expect(components.some((component) => component?.auxiliary), indicator.code).toBe(true);
      const ratioRule = schema.rules.find((rule) => rule.left === indicator.code && rule.op === '=');
      expect(ratioRule?.right, indicator.code).toBe(indicator.formula);
      if (indicator.unit === '%') {
        const [part, whole] = referencedCodes(parsed.expr);
        expect(schema.rules.some((rule) => rule.left === part && rule.op === '<=' && rule.right === whole), indicator.code).toBe(true);
      }
    }
    // A percentage is never summed over sub-regions.
    for (const indicator of schema.indicators.filter((found) => found.unit === '%')) {
      expect(indicator.aggregation, indicator.code).not.toBe('sum');
    }
  });

  it('recomputes 每千人口托位数 from 托位总数 (万个) and 常住人口 (万人)', () => {
    const ratio = byCode(schema).get('childcare_places_per_1000');
    if (!ratio) throw new Error('缺少每千人口托位数');
    const parsed = parseExpression(ratio.formula ?? '');
    if (!parsed.ok) throw new Error(parsed.message);
    const values: Record<string, number> = { childcare_places: 1.2, resident_population: 265.58 };
    expect(evaluate(parsed.expr, (code) => values[code] ?? null)).toBeCloseTo(4.52, 2);
  });
});

describe('common schema', () => {
  const schema = readSchema('common');

  it('names no region, no figures and no bureaus', () => {
    expect(schema.region).toBe('');
    expect(schema.bureaus).toEqual([]);
    for (const indicator of schema.indicators) {
      expect([indicator.baselineValue, indicator.targetValue, indicator.targetOp, indicator.targetText]).toEqual([null, null, null, null]);
      expect(indicator.responsibility.citation).toBe('');
      expect(indicator.notes).not.toMatch(/\d/);
    }
  });

  it('holds the indicators that recur across the documents', () => {
    const names = schema.indicators.map((indicator) => indicator.name);
    for (const name of ['每千人口托位数', '养老机构护理型床位占比', '基本养老保险参保率', '特殊困难老年人月探访率', '失能特困人员集中供养率', '社区养老服务设施覆盖率', '普惠性托位占比']) {
      expect(names).toContain(name);
    }
  });

  it('scales 每千名老年人 from 万人 correctly', () => {
    const ratio = byCode(schema).get('social_workers_per_1000_elderly');
    const parsed = parseExpression(ratio?.formula ?? '');
    if (!parsed.ok) throw new Error(parsed.message);
    const values: Record<string, number> = { elderly_social_workers: 469, elderly_population: 46.92 };
    expect(evaluate(parsed.expr, (code) => values[code] ?? null)).toBeCloseTo(1, 2);
  });
});

describe.each(REGIONAL)('regional schema $id', ({ id, seed, region, source }) => {
  const schema = readSchema(id);
  const documentText = readSeed(seed);
  const clauses = extractResponsibilityClauses(documentText);

  it('carries its region, document and bureau list', () => {
    expect(schema.region).toBe(region);
    expect(schema.source).toBe(source);
    expect(schema.bureaus).toEqual(bureausForRegion(bureauList, region));
    expect(findAliasCollisions(schema.bureaus)).toEqual([]);
  });

  it('takes every figure from a sentence of the document that prints it', () => {
    for (const indicator of schema.indicators) {
      for (const [what, value] of [['目标值', indicator.targetValue], ['基期值', indicator.baselineValue]] as const) {
        const quotes = quotedFigures(indicator, what);
        if (value === null) {
          expect(quotes, `${indicator.code} ${what}`).toEqual([]);
          continue;
        }
        expect(quotes.length, `${indicator.code} ${what}`).toBeGreaterThan(0);
        for (const quote of quotes) {
          expect(Number(quote.value)).toBe(value);
          expect(documentText).toContain(quote.sentence);
          expect(quote.sentence).toContain(quote.value);
        }
      }
    }
  });

  it('sets a comparator only where the sentence says 以上, 不低于 or 至少', () => {
    for (const indicator of schema.indicators.filter((found) => found.targetValue !== null)) {
      const sentences = quotedFigures(indicator, '目标值').map((quote) => quote.sentence).join(' ');
      expect(indicator.targetOp === '>=', indicator.code).toBe(/以上|不低于|至少/.test(sentences));
    }
  });

  it('cites a real clause for each responsibility and leaves the rest empty', () => {
    const names = new Set(schema.bureaus.map((bureau) => bureau.name));
    for (const indicator of schema.indicators) {
      const { responsibility } = indicator;
      if (responsibility.citation === '') {
        expect(responsibility).toEqual({ leadBureaus: [], coBureaus: [], jointBureaus: [], localGovernments: [], text: '', citation: '' });
        continue;
      }
      const locator = responsibility.citation.replace(`${source} `, '');
      const clause = clauses.find((found) => found.citation === locator);
      expect(clause?.text, indicator.code).toBe(responsibility.text);
      const parsed = parseResponsibility(responsibility.text, schema.bureaus);
      expect([parsed.leadBureaus, parsed.coBureaus, parsed.jointBureaus, parsed.localGovernments]).toEqual([
        responsibility.leadBureaus, responsibility.coBureaus, responsibility.jointBureaus, responsibility.localGovernments,
      ]);
      for (const name of [...responsibility.leadBureaus, ...responsibility.coBureaus, ...responsibility.jointBureaus]) {
        expect(names.has(name), name).toBe(true);
      }
      // The clause's own paragraph states the indicator's target.
      const paragraph = documentText.split(/\r?\n/).find((line) => line.includes(responsibility.text)) ?? '';
      const quoted = [...quotedFigures(indicator, '目标值'), ...quotedFigures(indicator, '基期值')].map((quote) => quote.sentence);
      const targetText = indicator.notes.match(/^目标.+出自「(.+)」/m)?.[1];
      expect([...quoted, targetText].some((sentence) => sentence !== undefined && paragraph.includes(sentence)), indicator.code).toBe(true);
    }
  });
});

describe('linyi-2022 responsibilities', () => {
  const file = `${root}resources/schemas/linyi-2022.json`;
  const schema = existsSync(file) ? readSchema('linyi-2022') : null;
  const attached = schema?.indicators.filter((indicator) => indicator.responsibility.citation !== '') ?? [];

  it.runIf(attached.length > 0)('come from real 临发改社会〔2022〕316号 clauses that state the figure', () => {
    if (!schema) return;
    const documentText = readSeed('001');
    const clauses = extractResponsibilityClauses(documentText);
    expect(schema.bureaus).toEqual(bureausForRegion(bureauList, '临沂市'));
    expect(attached.map((indicator) => indicator.name).sort()).toEqual(LINYI_CLAUSES.map((entry) => entry.name).sort());
    for (const indicator of attached) {
      const { responsibility } = indicator;
      const mapping = LINYI_CLAUSES.find((entry) => entry.name === indicator.name);
      expect(responsibility.citation).toBe(`临发改社会〔2022〕316号 ${mapping?.citation}`);
      const clause = clauses.find((found) => found.citation === mapping?.citation);
      expect(clause?.text).toBe(responsibility.text);
      const parsed = parseResponsibility(responsibility.text, schema.bureaus);
      expect(responsibility.leadBureaus).toEqual([]);
      expect(responsibility.jointBureaus).toEqual(parsed.jointBureaus);
      expect(responsibility.localGovernments).toEqual(['各县区政府', '管委会']);
      const paragraph = documentText.split(/\r?\n/).find((line) => line.includes(responsibility.text)) ?? '';
      expect(paragraph).toContain(mapping?.evidence);
    }
    for (const indicator of schema.indicators.filter((found) => found.responsibility.citation === '')) {
      expect(indicator.responsibility.jointBureaus).toEqual([]);
    }
  });
});
