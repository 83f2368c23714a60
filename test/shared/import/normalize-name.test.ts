import { describe, expect, it } from 'vitest';
import { normalizeName } from '../../../shared/import/normalize-name';

describe('normalizeName', () => {
  it.each([
    ['托位总数(万个)', '托位总数'],
    ['托位总数（万个）', '托位总数'],
    ['托位总数 万个', '托位总数'],
    ['托位总数（单位：万个）', '托位总数'],
    ['乡镇区域性综合养老服务中心覆盖率 (%)', '乡镇区域性综合养老服务中心覆盖率'],
    ['基本养老保险参保率（％）', '基本养老保险参保率'],
    ['骨干养老企业数量(家)', '骨干养老企业数'],
    ['骨干养老企业数', '骨干养老企业数'],
    ['登记备案的托育机构数', '登记备案托育机构数'],
    ['登记备案托育机构个数', '登记备案托育机构数'],
    ['全市养老服务设施(处)', '养老服务设施'],
    ['2025年托位总数', '托位总数'],
    ['托位总数（2023年）', '托位总数'],
    ['1.托位总数', '托位总数'],
    ['（二）社区托育服务覆盖率', '社区托育服务覆盖率'],
    ['三、社区托育服务覆盖率', '社区托育服务覆盖率'],
    ['社区 托育 服务覆盖率', '社区托育服务覆盖率'],
    ['养老服务设施（含农村幸福院）', '养老服务设施含农村幸福院'],
  ])('%s → %s', (name, normalised) => {
    expect(normalizeName(name)).toBe(normalised);
  });

  it('keeps the figures that belong to the name', () => {
    expect(normalizeName('65岁及以上老年人城乡社区规范健康管理服务率(%)')).toBe('65岁及以上老年人城乡社区规范健康管理服务率');
    expect(normalizeName('每千人口托位数（人）')).toBe('每千人口托位数');
  });

  it('keeps the words that tell indicators apart', () => {
    expect(normalizeName('骨干养老企业数量')).not.toBe(normalizeName('骨干托育企业数量'));
    expect(normalizeName('失能特困人员集中供养率')).not.toBe(normalizeName('有集中供养意愿的特困人员集中供养率'));
    expect(normalizeName('养老护理专业人才数')).not.toBe(normalizeName('养老护理专业人才人数占比'));
  });
});
