import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  extractResponsibilityClauses,
  findDocumentNumber,
  parseResponsibility,
  toResponsibility,
} from '../../../shared/schema/parse-responsibility';
import { bureausForRegion, type BureauList } from '../../../shared/schema/bureau-list';

const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const bureauList = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../../resources/bureaus.json', import.meta.url)), 'utf8'),
) as BureauList;

interface ExpectedClause {
  citation: string;
  lead?: string[];
  co?: string[];
  joint?: string[];
  localGovernments?: string[];
  placeholders?: string[];
}

interface ExpectedSeed {
  seed: string;
  fixture: string;
  region: string;
  source: string | null;
  clauses: ExpectedClause[];
}

const SEEDS = ['000', '001', '002', '003', '004'];
const EXPECTED_COUNTS: Record<string, number> = { '000': 52, '001': 25, '002': 5, '003': 24, '004': 26 };

function readExpected(seed: string): ExpectedSeed {
  return JSON.parse(readFileSync(`${fixtures}responsibilities/seed-${seed}.json`, 'utf8')) as ExpectedSeed;
}

describe.each(SEEDS)('seed %s responsibility clauses', (seed) => {
  const expected = readExpected(seed);
  const documentText = readFileSync(`${fixtures}seeds/${expected.fixture}`, 'utf8');
  const clauses = extractResponsibilityClauses(documentText);
  const bureaus = bureausForRegion(bureauList, expected.region);

  it('finds every clause, in document order, under its section number', () => {
    expect(expected.clauses).toHaveLength(EXPECTED_COUNTS[seed] ?? -1);
    expect(clauses.map((clause) => clause.citation)).toEqual(expected.clauses.map((clause) => clause.citation));
  });

  it.each(expected.clauses.map((clause) => [clause.citation, clause] as const))(
    '%s parses to the hand-written lists',
    (citation, want) => {
      const clause = clauses.find((found) => found.citation === citation);
      expect(clause, `未找到 ${citation}`).toBeDefined();
      const parsed = parseResponsibility(clause?.text ?? '', bureaus);
      expect({
        lead: parsed.leadBureaus,
        co: parsed.coBureaus,
        joint: parsed.jointBureaus,
        localGovernments: parsed.localGovernments,
        placeholders: parsed.placeholders,
        unknownNames: parsed.unknownNames,
      }).toEqual({
        lead: want.lead ?? [],
        co: want.co ?? [],
        joint: want.joint ?? [],
        localGovernments: want.localGovernments ?? [],
        placeholders: want.placeholders ?? [],
        unknownNames: [],
      });
      expect(documentText).toContain(parsed.text);
    },
  );

  it('reads the document number where the document prints one', () => {
    expect(findDocumentNumber(documentText)).toBe(seed === '002' ? null : expected.source);
  });
});

describe('parseResponsibility', () => {
  const xianning = bureausForRegion(bureauList, '咸宁市');
  const linyi = bureausForRegion(bureauList, '临沂市');

  it('reports a name missing from the bureau list instead of adding it', () => {
    const parsed = parseResponsibility('(责任单位:市民政局、市养老服务促进中心按职责分工负责)', linyi);
    expect(parsed.jointBureaus).toEqual(['市民政局']);
    expect(parsed.unknownNames).toEqual(['市养老服务促进中心']);
  });

  it('canonicalises abbreviations and region-prefixed full names through the alias list', () => {
    const parsed = parseResponsibility('(责任单位:临沂市卫生健康委员会、市发改委、市人社局按职责分工负责)', linyi);
    expect(parsed.jointBureaus).toEqual(['市卫生健康委', '市发展改革委', '市人力资源社会保障局']);
  });

  it('separates names run together without 、 when each part is a known bureau', () => {
    const parsed = parseResponsibility('(牵头单位:市民政局市卫健委;责任单位:市财政局)', xianning);
    expect(parsed.leadBureaus).toEqual(['市民政局', '市卫生健康委']);
    expect(parsed.coBureaus).toEqual(['市财政局']);
  });

  it('accepts full-width brackets, colons and semicolons', () => {
    const parsed = parseResponsibility('（牵头单位：市民政局；责任单位：市住建局）', xianning);
    expect(parsed.leadBureaus).toEqual(['市民政局']);
    expect(parsed.coBureaus).toEqual(['市住房城乡建设局']);
  });

  it('keeps the clause text and carries it into a cited Responsibility', () => {
    const text = '县民政局牵头,县财政局配合';
    const parsed = parseResponsibility(text, bureausForRegion(bureauList, '宣汉县'));
    expect(toResponsibility(parsed, '宣府办〔2023〕13号 序号 13')).toEqual({
      leadBureaus: ['县民政局'],
      coBureaus: ['县财政局'],
      jointBureaus: [],
      localGovernments: [],
      text,
      citation: '宣府办〔2023〕13号 序号 13',
    });
  });
});
