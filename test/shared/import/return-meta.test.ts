import { describe, expect, it } from 'vitest';
import { collectMetaLine, emptyFacts, readBureauValue } from '../../../shared/import/return-meta';

const NAMES = ['市民政局', '临沂市民政局', '市卫生健康委', '市卫健委', '临沂市卫生健康委员会'];

describe('readBureauValue: the bureau a 填报单位 value names', () => {
  it('drops a seal note written after the name', () => {
    expect(readBureauValue('临沂市卫生健康委员会（盖章）', NAMES)).toBe('临沂市卫生健康委员会');
    expect(readBureauValue('市民政局(公章)', NAMES)).toBe('市民政局');
  });

  it('takes the listed bureau an office or section name begins with, longest first', () => {
    expect(readBureauValue('临沂市民政局养老服务科', NAMES)).toBe('临沂市民政局');
    expect(readBureauValue('市卫健委（老龄健康科）', NAMES)).toBe('市卫健委');
  });

  it('keeps an unlisted bureau as written, seal note removed', () => {
    expect(readBureauValue('罗庄区民政局（盖章）', NAMES)).toBe('罗庄区民政局');
    expect(readBureauValue('兰山区卫生健康局', NAMES)).toBe('兰山区卫生健康局');
  });

  it('is what collectMetaLine keeps from a 填报单位 line at the foot of a table', () => {
    const facts = emptyFacts();
    collectMetaLine(facts, '填报单位：临沂市卫生健康委员会（盖章） 填报人：陈静 联系电话：0539-8199123', NAMES);
    expect(facts).toMatchObject({ bureau: '临沂市卫生健康委员会', contactPerson: '陈静', contactPhone: '0539-8199123' });
  });
});
