/**
 * 进度 and the 中期/终期评估表 say the same of every indicator: both come from one progress
 * computation (progressOfValues → evaluationRows), checked here on the demo workbook, for the
 * workbook's region and for a sub-region.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkbookService } from '../../electron/services/workbook-service';
import { DEMO_YEAR } from '../../scripts/demo-workbook';
import { openDemoService, type DemoService } from '../support/demo-service';

/** 指标名称 → 状态 from the evaluation table's CSV (its rows carry 序号 first; group headings do not). */
function evaluationStatuses(bytes: Uint8Array): Map<string, string> {
  const lines = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '').split('\r\n').map((line) => line.split(','));
  const header = lines.find((cells) => cells.includes('指标名称'))!;
  const name = header.indexOf('指标名称');
  const status = header.length - 1;
  return new Map(lines.filter((cells) => /^\d+$/.test(cells[0] ?? '') && cells.length === header.length).map((cells) => [cells[name]!, cells[status]!]));
}

describe('进度 and the evaluation table', () => {
  let demo: DemoService;
  let service: WorkbookService;

  beforeAll(async () => {
    demo = await openDemoService('taizhang-progress-');
    service = demo.service;
  }, 120_000);

  afterAll(() => demo.close());

  for (const region of ['临沂市', '兰山区']) {
    it(`give every indicator of ${region} the same status, so their counts agree`, async () => {
      const screen = new Map((await service.progress({ year: DEMO_YEAR, region })).map((row) => [row.name, row.status as string]));
      const table = evaluationStatuses((await service.exportTable({ year: DEMO_YEAR, kind: 'evaluation', format: 'csv', region })).bytes);
      expect(table.size).toBeGreaterThan(20);
      expect([...table.keys()].sort()).toEqual([...screen.keys()].sort());
      for (const [name, status] of table) expect(status, name).toBe(screen.get(name));
      const count = (statuses: Iterable<string>) => [...statuses].reduce((m, s) => m.set(s, (m.get(s) ?? 0) + 1), new Map<string, number>());
      expect(count(table.values())).toEqual(count(screen.values()));
    });
  }
});
