import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bureauIndex, canonicalBureau } from '../../../shared/domain/bureau';
import { BUREAU_LEVELS, bureausForLevel, bureausForRegion, findAliasCollisions, type BureauList } from '../../../shared/schema/bureau-list';

const list = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../../resources/bureaus.json', import.meta.url)), 'utf8'),
) as BureauList;

describe('resources/bureaus.json', () => {
  it('never lets one name stand for two bureaus, in any level or region', () => {
    for (const level of BUREAU_LEVELS) expect(findAliasCollisions(bureausForLevel(list, level))).toEqual([]);
    for (const region of list.regions) expect(findAliasCollisions(bureausForRegion(list, region.name))).toEqual([]);
  });

  it('lists the five regions of the seed documents', () => {
    expect(list.regions.map((region) => region.name).sort()).toEqual(['临沂市', '咸宁市', '宣汉县', '江西省', '泰安市'].sort());
  });
});

describe('bureausForRegion', () => {
  it('adds the region-prefixed names a document prints in its header', () => {
    const index = bureauIndex(bureausForRegion(list, '临沂市'));
    expect(canonicalBureau(index, '临沂市卫生健康委员会')).toBe('市卫生健康委');
    expect(canonicalBureau(index, '临沂市发展和改革委员会')).toBe('市发展改革委');
    expect(canonicalBureau(index, '市卫健委')).toBe('市卫生健康委');
    expect(canonicalBureau(bureauIndex(bureausForRegion(list, '宣汉县')), '宣汉县卫健局')).toBe('县卫生健康局');
  });

  it("keeps one region's own bodies out of another region's list", () => {
    const taian = bureausForRegion(list, '泰安市').map((bureau) => bureau.name);
    expect(taian).toContain('人行泰安市中心支行');
    expect(taian).not.toContain('人民银行临沂市中心支行');
    expect(taian).not.toContain('湖北科技学院');
  });

  it('returns nothing for a region the list does not know unless the level is given', () => {
    expect(bureausForRegion(list, '兰山区')).toEqual([]);
    expect(bureausForRegion(list, '沂水县', '县').map((bureau) => bureau.name)).toContain('县民政局');
  });
});
