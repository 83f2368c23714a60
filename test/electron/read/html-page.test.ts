import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../shared/api/errors';
import { cellText, type GridSheet } from '../../../shared/import/grid';
import { readGrid } from '../../../electron/read/read-grid';
import { createWorkbookFromSchema } from '../../../electron/services/create-workbook';
import { WorkbookService } from '../../../electron/services/workbook-service';
import { makeIndicator, makeSchema } from '../../support/schema-fixture';
import { makeTempDir } from '../../support/temp-dir';
import * as codepages from '@e965/xlsx/dist/cpexcel.full.mjs';

/**
 * A yearbook table as 中国知网 and many report platforms hand it out: an HTML page under an .xls
 * name. Its shape follows such a download of 《中国城市统计年鉴2015》 (itsaquestion/
 * china_city_stats_yearbook_converter, demo_data/error4.xls): blank lines and a comment before
 * <html>, a style block, the title in a <div>, 单位 in a table of its own, three header rows
 * with rowspan/colspan, figures as text, &nbsp; before the city names.
 */
function yearbookPage(charset = 'utf-8'): string {
  return `\r\n\r\n<!-- 以上这行设定本网页为excel格式的网页 -->
<html>
<head>
<title>Excel档案呈现方式</title>
<meta http-equiv="Content-Type" content="text/html; charset=${charset}">
<style type="text/css">
 .tb td { height:25px; }
</style>
</head>
<body>
<div id="tti" style="text-align:center;">中国2014年地级以上城市年末金融机构存贷款余额统计(二)</div>
<div style="text-align:left;"></div>
<div id="ttx">
<table class="exp" id="tab0">
<tr><td>单位:万元</td></tr>
</table>
<table id="tab1" class="tb">
<tr><td class="biaotou" rowspan="3">城市</td>
<td class="biaotou" colspan="4">年末金融机构人民币各项存款余额</td>
<td class="biaotou" colspan="2">年末金融机构人民币各项贷款余额</td>
</tr><tr><td class="biaotou" rowspan="2">全市</td><td class="biaotou" rowspan="2">市辖区</td>
<td class="biaotou" colspan="2">居民人民币储蓄存款余额</td>
<td class="biaotou" rowspan="2">全市</td><td class="biaotou" rowspan="2">市辖区</td>
</tr><tr><td class="biaotou">全市</td><td class="biaotou">市辖区</td></tr>
<tr><td class="zhibiao">&nbsp;&nbsp;南京市</td><td class="shuju">201618645</td><td class="shuju">201618645</td><td class="shuju">50557718</td><td class="shuju">50557718</td><td class="shuju">180123456</td><td class="shuju">180123456</td></tr>
<tr><td class="zhibiao">&nbsp;&nbsp;无锡市</td><td class="shuju">118490262</td><td class="shuju">89211034</td><td class="shuju">45012345</td><td class="shuju">30123456</td><td class="shuju">95012345</td><td class="shuju">70123456</td></tr>
<tr><td class="zhibiao">&nbsp;&nbsp;阜新市</td><td class="shuju">8346368</td><td class="shuju">6173771</td><td class="shuju">5522274</td><td class="shuju">3788234</td><td class="shuju">6994871</td><td class="shuju">5253643</td></tr>
</table>
</div>
<p>注：本表数据来源于中国人民银行&amp;各地分行。</p>
</body>
</html>
`;
}

function rowsOf(sheet: GridSheet): string[][] {
  return Array.from({ length: sheet.rowCount }, (_, r) => Array.from({ length: sheet.colCount }, (_, c) => cellText(sheet.rows[r]?.[c])));
}

async function refusalOf(name: string, text: string): Promise<UserError> {
  try {
    await readGrid({ name, bytes: new TextEncoder().encode(text) });
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error(`${name} was read`);
}

describe('a web page saved as a workbook', () => {
  it('reads as Excel shows it: one sheet, the page’s lines above its table, spans merged, figures as their text', async () => {
    const grid = await readGrid({ name: '城市金融.xls', bytes: new TextEncoder().encode(yearbookPage()) });
    expect(grid.format).toBe('html');
    expect(grid.sheets).toHaveLength(1);
    const [sheet] = grid.sheets;
    const rows = rowsOf(sheet!);
    expect(rows.slice(0, 5)).toEqual([
      ['中国2014年地级以上城市年末金融机构存贷款余额统计(二)', '', '', '', '', '', ''],
      ['单位:万元', '', '', '', '', '', ''],
      ['城市', '年末金融机构人民币各项存款余额', '', '', '', '年末金融机构人民币各项贷款余额', ''],
      ['', '全市', '市辖区', '居民人民币储蓄存款余额', '', '全市', '市辖区'],
      ['', '', '', '全市', '市辖区', '', ''],
    ]);
    expect(rows[7]).toEqual(['阜新市', '8346368', '6173771', '5522274', '3788234', '6994871', '5253643']);
    // The note under the table, its entity decoded.
    expect(rows[8]![0]).toBe('注：本表数据来源于中国人民银行&各地分行。');
    // Figures stay text, to be read as every text cell is (never a date or a float from the page).
    expect(sheet!.rows[5]![1]!.value).toEqual({ kind: 'text', value: '201618645' });
    expect(sheet!.merges).toEqual(expect.arrayContaining([
      { top: 2, left: 0, bottom: 4, right: 0 },
      { top: 2, left: 1, bottom: 2, right: 4 },
      { top: 3, left: 3, bottom: 3, right: 4 },
    ]));
  });

  it('decodes a page saved in GBK', async () => {
    // Code page 936 (GBK), as a Chinese Windows browser or platform saves the page.
    const { utils } = codepages as unknown as { utils: { encode(cp: number, text: string): ArrayLike<number> } };
    const gbk = Uint8Array.from(utils.encode(936, yearbookPage('gb2312')));
    const grid = await readGrid({ name: '城市金融.xls', bytes: gbk });
    expect(rowsOf(grid.sheets[0]!)[7]![0]).toBe('阜新市');
  });

  it('reads the tables inside a table that only lays the page out, and its text as lines', async () => {
    const page = `<html><body><table width="100%"><tr><td>2023年各县区主要指标</td></tr><tr><td>
      <table border="1"><tr><th>县区</th><th>地区生产总值（亿元）</th></tr><tr><td>兰山区</td><td>1,234.5</td></tr></table>
      </td></tr><tr><td>注：按现价计算。</td></tr></table></body></html>`;
    const rows = rowsOf((await readGrid({ name: '主要指标.xls', bytes: new TextEncoder().encode(page) })).sheets[0]!);
    expect(rows).toEqual([
      ['2023年各县区主要指标', ''],
      ['县区', '地区生产总值（亿元）'],
      ['兰山区', '1,234.5'],
      ['注：按现价计算。', ''],
    ]);
  });

  it('refuses a page with no table, and plain text under a workbook’s name, as before', async () => {
    const noTable = await refusalOf('通知.xls', '<html><body><p>关于报送2023年统计数据的通知</p></body></html>');
    expect(noTable.code).toBe('not_spreadsheet');
    expect((await refusalOf('说明.xls', '这不是表格')).code).toBe('not_spreadsheet');
  });

  it('refuses a page whose spans no sheet could hold, before any library builds them', async () => {
    const page = `<table><tr><td colspan="999999">标题</td></tr><tr><td>南京市</td><td>1</td></tr></table>`;
    expect((await refusalOf('超宽.xls', page)).code).toBe('unreadable');
  });

  it('imports the page into a workbook: its cities’ figures in the plan’s unit, the year from the title', async () => {
    const schema = makeSchema({
      id: 'html-page',
      name: '城市金融',
      region: '江苏省',
      indicators: [makeIndicator({ code: 'A01', name: '年末金融机构人民币各项存款余额', unit: '亿元', decimals: 2 })],
      rules: [],
      bureaus: [],
    });
    const workbook = createWorkbookFromSchema(path.join(makeTempDir(), 'w.tzdb'), { schema, region: '江苏省', subregions: ['南京市', '无锡市'] });
    const service = new WorkbookService(workbook);
    try {
      const [result] = await service.importReturns({ files: [{ name: '城市金融.xls', bytes: new TextEncoder().encode(yearbookPage()) }], channel: 'cli' });
      expect(result!.outcome).toBe('imported');
      expect(result!.year).toBe(2014);
      const values = (await service.listValues({ year: 2014 })).filter((v) => v.value !== null && ['南京市', '无锡市'].includes(v.region));
      expect(values.map((v) => [v.region, v.year, v.value])).toEqual([
        ['南京市', 2014, 20161.8645],
        ['无锡市', 2014, 11849.0262],
      ]);
    } finally {
      workbook.close();
    }
  });
});
