import type { Locator, Page } from 'playwright-core';

/** Rows of an ag-grid without pinned columns, in display order, as the cells' text. */
export async function gridRows(grid: Locator): Promise<string[][]> {
  const rows = grid.locator('.ag-row[row-index]');
  await rows.first().waitFor();
  const byIndex: [number, string[]][] = [];
  for (const row of await rows.all()) {
    byIndex.push([Number(await row.getAttribute('row-index')), await row.locator('.ag-cell').allInnerTexts()]);
  }
  return byIndex.sort((a, b) => a[0] - b[0]).map(([, cells]) => cells);
}

/** 首页: recent workbooks, 打开, and 新建工作簿 from three sources. */
export class HomePage {
  readonly schemaGrid: Locator;
  readonly newWorkbook: Locator;
  readonly pastePreview: Locator;

  constructor(readonly page: Page) {
    this.schemaGrid = page.getByTestId('builtin-schemas');
    this.newWorkbook = page.getByTestId('new-workbook');
    this.pastePreview = page.getByTestId('paste-preview');
  }

  schemaRows(): Promise<string[][]> {
    return gridRows(this.schemaGrid);
  }

  async columnHeaders(): Promise<string[]> {
    return this.schemaGrid.locator('.ag-header-cell-text').allInnerTexts();
  }

  async chooseSource(title: '内置指标体系' | '导入 Excel 指标表' | '粘贴政策文件中的指标表'): Promise<void> {
    await this.newWorkbook.getByRole('radio', { name: new RegExp(`^${title}`) }).click();
  }

  async pickBuiltin(name: string): Promise<void> {
    await this.schemaGrid.locator('.ag-row', { hasText: name }).first().click();
  }

  async paste(text: string): Promise<void> {
    await this.page.getByLabel('粘贴指标表').fill(text);
  }

  /** The live preview's rows: parsed ones as cells, unreadable ones as their one merged cell. */
  async previewRows(): Promise<string[][]> {
    const rows = this.pastePreview.locator('tbody tr');
    const result: string[][] = [];
    for (const row of await rows.all()) result.push(await row.locator('td').allInnerTexts());
    return result;
  }

  async fillNewWorkbook(fields: { region?: string; subregions?: string; path: string }): Promise<void> {
    if (fields.region !== undefined) await this.newWorkbook.getByPlaceholder('例如 临沂市').fill(fields.region);
    if (fields.subregions !== undefined) await this.newWorkbook.getByPlaceholder(/用逗号或顿号分隔/).fill(fields.subregions);
    await this.newWorkbook.getByPlaceholder('新工作簿 .tzdb 文件的完整路径').fill(fields.path);
  }

  async create(): Promise<void> {
    await this.newWorkbook.getByRole('button', { name: '新建工作簿' }).click();
  }

  refusal(): Locator {
    return this.page.getByTestId('create-refusal');
  }

  async open(path: string): Promise<void> {
    await this.page.locator('#open-path').fill(path);
    await this.page.getByRole('button', { name: '打开', exact: true }).click();
  }
}
