import { describe, expect, it } from 'vitest';
import { bureauFunctionIndex, counterpartIn, subregionBureau } from '../../../shared/domain';
import { loadBuiltinSchema } from '../../../electron/services/builtin-schemas';

describe('a sub-region’s bureaus under one name', () => {
  const functions = bureauFunctionIndex(loadBuiltinSchema('linyi-2022').bureaus, '临沂市');
  const name = (written: string, region = '罗庄区') => subregionBureau(functions, written, region, '临沂市');

  it('names every way a county return writes a bureau as the city bureau’s counterpart', () => {
    for (const written of ['临沂市罗庄区卫生健康局', '罗庄区卫生健康局', '罗庄区卫健局', '区卫生健康委员会', '罗庄区卫生健康委']) {
      expect(name(written), written).toBe('罗庄区卫生健康委');
    }
    expect(name('罗庄区民政局')).toBe('罗庄区民政局');
    expect(name('临沂市罗庄区人社局')).toBe('罗庄区人力资源社会保障局');
    expect(name('罗庄区市场监督管理局')).toBe('罗庄区市场监管局');
    expect(name('兰山区发展和改革局', '兰山区')).toBe('兰山区发展改革委');
  });

  it('keeps a bureau the city list does not know in its own words, and maps a city reporter to its counterpart', () => {
    expect(name('罗庄区罗庄街道办事处')).toBe('罗庄区罗庄街道办事处');
    expect(counterpartIn('市卫生健康委', '河东区')).toBe('河东区卫生健康委');
  });
});
