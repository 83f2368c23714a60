import { describe, expect, it } from 'vitest';
import type { Indicator } from '../../../shared/domain/indicator';
import { AUTO_ACCEPT_SCORE, buildMatcher, type AliasEntry } from '../../../shared/import/match';
import { linyiCode, linyiIndicators } from '../../support/linyi-indicators';

const LINYI = linyiIndicators();
const matcher = buildMatcher(LINYI, []);

/** The printed names of the table, unit brackets included, as a bureau copies them. */
const PRINTED = LINYI.map((indicator) => `${indicator.name}(${indicator.unit})`);

function without(...names: string[]): Indicator[] {
  return LINYI.filter((indicator) => !names.includes(indicator.name));
}

function extraIndicator(code: string, name: string, unit: string): Indicator {
  const base = LINYI[0] as Indicator;
  return { ...base, code, name, unit, aliases: [] };
}

describe('exact, key and alias', () => {
  it('matches each of the 31 printed names exactly, unit bracket and all', () => {
    for (const [i, printed] of PRINTED.entries()) {
      expect(matcher.match({ name: printed })).toMatchObject({
        code: LINYI[i]?.code,
        method: 'exact',
        score: 1,
        outcome: 'matched',
      });
    }
  });

  it('reports the row’s unit from the unit column, else from the name', () => {
    expect(matcher.match({ name: '托位总数（万个）' }).rowUnit).toBe('万个');
    expect(matcher.match({ name: '托位总数', unit: '个' }).rowUnit).toBe('个');
    expect(matcher.match({ name: '托位总数' }).rowUnit).toBeNull();
  });

  it('trusts a template key over the name', () => {
    expect(matcher.match({ name: '（行已移动）', code: linyiCode('托位总数') })).toMatchObject({
      code: linyiCode('托位总数'),
      method: 'key',
      outcome: 'matched',
    });
    // A code nobody issued (a bureau's own numbering) falls through to the name.
    expect(matcher.match({ name: '托位总数', code: 'X9' })).toMatchObject({ method: 'exact', code: linyiCode('托位总数') });
  });

  it('applies schema aliases everywhere and a bureau’s aliases only to its returns', () => {
    const aliases: AliasEntry[] = [
      { alias: '长护险参保率', code: linyiCode('长期护理保险参保率') },
      { alias: '护理型床位占比', code: linyiCode('养老机构护理型养老床位占比'), bureau: '市民政局' },
    ];
    const withAliases = buildMatcher(LINYI, aliases);
    expect(withAliases.match({ name: '长护险参保率', bureau: '市卫生健康委' })).toMatchObject({
      code: linyiCode('长期护理保险参保率'),
      method: 'alias',
    });
    expect(withAliases.match({ name: '护理型床位占比', bureau: '市民政局' })).toMatchObject({
      code: linyiCode('养老机构护理型养老床位占比'),
      method: 'alias',
    });
    expect(withAliases.match({ name: '护理型床位占比（%）', bureau: '市民政局' })).toMatchObject({ method: 'alias' });
    const elsewhere = withAliases.match({ name: '护理型床位占比', bureau: '市卫生健康委' });
    expect(elsewhere.outcome).not.toBe('matched');
    expect(elsewhere.candidates[0]?.code).toBe(linyiCode('养老机构护理型养老床位占比'));
  });

  it('answers a row again as it did, whichever bureaus asked in between', () => {
    // Bureaus without aliases of their own share answers; the one with its own never lends or borrows one.
    const matcher = buildMatcher(LINYI, [{ alias: '护理型床位占比', code: linyiCode('养老机构护理型养老床位占比'), bureau: '市民政局' }]);
    const asked = ['兰山区卫生健康局', '市民政局', null, '罗庄区民政局', '市民政局', '兰山区卫生健康局'];
    const answers = asked.map((bureau) => matcher.match({ name: '护理型床位占比', bureau }));
    expect(answers.map((a) => a.outcome === 'matched')).toEqual(asked.map((bureau) => bureau === '市民政局'));
    expect(answers.filter((a) => a.outcome === 'matched').every((a) => a.method === 'alias')).toBe(true);
  });

  it('offers the officer every indicator sharing a name', () => {
    const twice = [...LINYI, extraIndicator('X01', '社区托育服务覆盖率', '%')];
    const result = buildMatcher(twice, []).match({ name: '社区托育服务覆盖率' });
    expect(result.outcome).toBe('ambiguous');
    expect(result.code).toBeNull();
    expect(result.candidates.map((c) => c.code).sort()).toEqual([linyiCode('社区托育服务覆盖率'), 'X01']);
  });
});

describe('normalised names', () => {
  it.each([
    ['托 位 总 数（万个）', '托位总数'],
    ['乡镇区域性综合养老服务中心 覆盖率（％）', '乡镇区域性综合养老服务中心覆盖率'],
    ['骨干养老企业数(家)', '骨干养老企业数量'],
    ['特殊困难老年人适老化改造数（户）', '特殊困难老年人适老化改造数量'],
    ['登记备案托育机构数', '登记备案的托育机构数'],
    ['养老服务设施（处）', '全市养老服务设施'],
    ['每千名老年人配套的社会工作者人数', '每千名老年人配套社会工作者人数'],
    ['有集中供养意愿特困人员集中供养率', '有集中供养意愿的特困人员集中供养率'],
    ['2023年托位总数', '托位总数'],
  ])('%s → %s', (written, name) => {
    expect(matcher.match({ name: written })).toMatchObject({ code: linyiCode(name), method: 'normalized', outcome: 'matched' });
  });
});

describe('numbering and structure marks', () => {
  it.each(['3.每千人口托位数', '三、每千人口托位数', '（二）每千人口托位数', '①每千人口托位数', '⑵每千人口托位数', '1、每千人口托位数', '其中：每千人口托位数', '#每千人口托位数', '每千人口托位数①'])(
    '%s is the indicator itself',
    (written) => {
      expect(matcher.match({ name: written })).toMatchObject({ code: linyiCode('每千人口托位数'), outcome: 'matched', method: 'exact' });
    },
  );
});

describe('units glued to the name', () => {
  it('reads 人 glued to 常住人口 as the row unit, and refuses a unit that cannot be converted', () => {
    const people = extraIndicator('X09', '常住人口', '万人');
    const m = buildMatcher([...LINYI, people], []);
    expect(m.match({ name: '常住人口人' })).toMatchObject({ code: 'X09', outcome: 'matched', rowUnit: '人' });
    expect(m.match({ name: '常住人口万人' })).toMatchObject({ code: 'X09', outcome: 'matched', rowUnit: '万人' });
    expect(m.match({ name: '常住人口户' }).code).toBeNull();
  });
});

describe('fuzzy', () => {
  it.each([
    ['街道综合养老服务中心复盖率', '街道综合养老服务中心覆盖率'],
    ['示范性婴幼儿照护服务机构', '示范性婴幼儿照护服务机构数'],
    ['特殊困难老年人适老化改造户数', '特殊困难老年人适老化改造数量'],
  ])('accepts %s as %s', (written, name) => {
    const result = matcher.match({ name: written });
    expect(result).toMatchObject({ code: linyiCode(name), method: 'fuzzy', outcome: 'matched' });
    expect(result.score).toBeGreaterThanOrEqual(AUTO_ACCEPT_SCORE);
    expect(result.score).toBeLessThan(1);
  });

  it('leaves loose abbreviations to the officer, best candidate first', () => {
    for (const [written, name] of [
      ['长护险参保率', '长期护理保险参保率'],
      ['护理型床位占比', '养老机构护理型养老床位占比'],
      ['托育机构数', '登记备案的托育机构数'],
      ['人均期望寿命', '人均预期寿命'],
      // A word inserted or put in place of another is a qualifier until the officer says not.
      ['养老机构护理型床位占比', '养老机构护理型养老床位占比'],
      ['新建小区配建养老服务设施达标率', '新建居住区配建养老服务设施达标率'],
    ] as const) {
      const result = matcher.match({ name: written });
      expect(result.outcome, written).toBe('ambiguous');
      expect(result.code).toBeNull();
      expect(result.reason).toBeTruthy();
      expect(result.candidates[0]?.code, written).toBe(linyiCode(name));
    }
  });

  it('ranks candidates by score, best first, at most five', () => {
    const result = matcher.match({ name: '综合养老服务中心覆盖率' });
    const scores = result.candidates.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(result.candidates.length).toBeLessThanOrEqual(5);
    expect(result.candidates.slice(0, 2).map((c) => c.code).sort()).toEqual(
      [linyiCode('街道综合养老服务中心覆盖率'), linyiCode('乡镇区域性综合养老服务中心覆盖率')].sort(),
    );
    expect(result.outcome).toBe('ambiguous');
  });

  it('does not pick between two equally close indicators', () => {
    const result = matcher.match({ name: '骨干企业数量' });
    expect(result.outcome).toBe('ambiguous');
    expect(result.candidates.slice(0, 2).map((c) => c.code).sort()).toEqual(
      [linyiCode('骨干养老企业数量'), linyiCode('骨干托育企业数量')].sort(),
    );
    expect(result.candidates[0]?.score).toBe(result.candidates[1]?.score);
  });

  it.each(['地区生产总值', '城镇登记失业率', '常住人口', '填表人：张三', '合计'])('leaves %s unmatched', (name) => {
    const result = matcher.match({ name });
    expect(result.outcome).toBe('unmatched');
    expect(result.code).toBeNull();
  });
});

describe('vetoes (DESIGN: near-identical names never match each other automatically)', () => {
  const pairs: [string, string, string][] = [
    ['骨干养老企业数量(家)', '骨干托育企业数量', '“养老”与“托育”'],
    ['骨干托育企业数量(家)', '骨干养老企业数量', '“托育”与“养老”'],
    ['失能特困人员集中供养率(%)', '有集中供养意愿的特困人员集中供养率', '不同'],
    ['有集中供养意愿的特困人员集中供养率(%)', '失能特困人员集中供养率', '不同'],
  ];
  it.each(pairs)('%s does not become %s', (row, other, why) => {
    const own = row.replace(/\(.*\)$/, '');
    const result = buildMatcher(without(own), []).match({ name: row });
    expect(result.outcome).toBe('ambiguous');
    expect(result.code).toBeNull();
    expect(result.candidates[0]?.code).toBe(linyiCode(other));
    expect(result.reason).toContain(why);
  });

  it('keeps 基本养老保险参保率 and 城乡居民基本养老保险参保人数 apart, both ways', () => {
    const people = extraIndicator('X02', '城乡居民基本养老保险参保人数', '万人');
    const rateOnly = buildMatcher(LINYI, []).match({ name: '城乡居民基本养老保险参保人数（万人）' });
    expect(rateOnly).toMatchObject({ code: null, outcome: 'ambiguous' });
    expect(rateOnly.candidates[0]?.code).toBe(linyiCode('基本养老保险参保率'));

    const peopleOnly = buildMatcher([...without('基本养老保险参保率'), people], []).match({ name: '基本养老保险参保率(%)' });
    expect(peopleOnly.code).toBeNull();
    expect(peopleOnly.candidates.map((c) => c.code)).toContain('X02');

    const both = buildMatcher([...LINYI, people], []);
    expect(both.match({ name: '城乡居民基本养老保险参保人数' }).code).toBe('X02');
    expect(both.match({ name: '基本养老保险参保率' }).code).toBe(linyiCode('基本养老保险参保率'));
  });

  it('vetoes a rate against a count, and a qualifier added in front', () => {
    const count = matcher.match({ name: '养老护理专业人才数占比' });
    expect(count.outcome).toBe('ambiguous');
    expect(count.candidates[0]?.code).toBe(linyiCode('养老护理专业人才数'));
    expect(count.reason).toContain('比率');
    const general = extraIndicator('X03', '特困人员集中供养率', '%');
    const qualified = buildMatcher([...without('失能特困人员集中供养率'), general], []).match({ name: '失能特困人员集中供养率' });
    expect(qualified.outcome).toBe('ambiguous');
    expect(qualified.candidates[0]?.code).toBe('X03');
    expect(qualified.reason).toContain('限定语“失能”');
  });

  it('vetoes a different age in the name', () => {
    const result = matcher.match({ name: '60岁及以上老年人城乡社区规范健康管理服务率' });
    expect(result.score).toBeGreaterThanOrEqual(AUTO_ACCEPT_SCORE);
    expect(result.outcome).toBe('ambiguous');
    expect(result.reason).toContain('60');
  });

  it('vetoes a unit that cannot be converted, from the unit column or the name', () => {
    const fromColumn = matcher.match({ name: '骨干养老企业数目', unit: '人' });
    expect(fromColumn.outcome).toBe('ambiguous');
    expect(fromColumn.reason).toContain('单位“人”');
    expect(matcher.match({ name: '骨干养老企业数目（人）' }).outcome).toBe('ambiguous');
    expect(matcher.match({ name: '骨干养老企业数目', unit: '家' })).toMatchObject({ outcome: 'matched', method: 'fuzzy' });
    // A synonym of the schema's unit is no reason to refuse: 每千人口托位数 counts 人 or 个.
    expect(matcher.match({ name: '每千人口托位数目', unit: '个' })).toMatchObject({ outcome: 'matched' });
  });
});

describe('scale', () => {
  it('takes one-character slips outside qualifiers, asks about the rest, never picks a wrong indicator', () => {
    const names: { name: string; code: string }[] = [];
    for (let i = 0; names.length < 12_000; i++) {
      const indicator = LINYI[i % LINYI.length]!;
      const chars = Array.from(indicator.name);
      // Each row a different spelling: one character dropped, a sequence number in front.
      chars.splice(Math.floor(i / LINYI.length) % chars.length, 1);
      names.push({ name: `${(i % 999) + 1}.${chars.join('')}`, code: indicator.code });
    }
    const big = buildMatcher(LINYI, []);
    let matched = 0;
    let wrong = 0;
    for (const { name, code } of names) {
      const result = big.match({ name });
      if (result.outcome !== 'matched') continue;
      matched++;
      if (result.code !== code) wrong++;
    }
    expect(new Set(names.map((n) => n.name)).size).toBe(names.length);
    expect(wrong).toBe(0);
    // A dropped character inside a qualifier (养老, 托育, 失能 …) is asked about; about half of
    // the slips fall outside one and are taken.
    expect(matched).toBeGreaterThan(names.length * 0.4);
  });
});
