import type { Locator, Page } from 'playwright-core';

/** 指标体系: the indicators grid by 领域, the 填报单位 toolbar, and the 校验规则 tab. */
export class SchemaPage {
  readonly grid: Locator;
  readonly toolbar: Locator;

  constructor(readonly page: Page) {
    this.grid = page.getByTestId('schema-grid');
    this.toolbar = page.getByRole('toolbar', { name: '指定填报单位' });
  }

  /** The row of an indicator (pinned part and scrolling part share the row id). */
  private rowParts(code: string): Locator {
    return this.grid.locator(`.ag-row[row-id="${code}"]`);
  }

  async waitForRows(): Promise<void> {
    await this.grid.locator('.ag-row[row-id]').first().waitFor();
  }

  /** Narrows the grid as the officer would (the grid is virtualised: only rows in view exist). */
  async filter(text: string): Promise<void> {
    await this.page.getByLabel('筛选指标').fill(text);
  }

  /** The 领域 rows rendered now. */
  async areaRows(): Promise<string[]> {
    await this.waitForRows();
    return this.grid.locator('.area-row__name').allInnerTexts();
  }

  /** A cell's text by its column header. */
  async cell(code: string, header: string): Promise<string> {
    const colId = await this.grid.locator('.ag-header-cell', { hasText: header }).first().getAttribute('col-id');
    return this.rowParts(code).locator(`.ag-cell[col-id="${colId}"]`).first().innerText();
  }

  async select(codes: string[]): Promise<void> {
    for (const code of codes) await this.rowParts(code).locator('.ag-selection-checkbox input').first().check();
  }

  async chooseBureau(name: string): Promise<void> {
    await this.toolbar.getByPlaceholder('选择或输入单位').fill(name);
  }

  async assignSelected(): Promise<void> {
    await this.toolbar.getByRole('button', { name: /^指定给所选指标/ }).click();
  }

  async assignArea(area: string): Promise<void> {
    await this.toolbar.getByLabel('领域').selectOption(area);
    await this.toolbar.getByRole('button', { name: '按领域指定' }).click();
  }

  async assignAllUnassigned(): Promise<void> {
    await this.toolbar.getByRole('button', { name: '指定给全部未指定指标' }).click();
  }

  undecidedCount(): Locator {
    return this.page.getByTestId('undecided-count');
  }

  outcome(): Locator {
    return this.page.getByTestId('schema-outcome');
  }

  refusal(): Locator {
    return this.toolbar.getByRole('alert');
  }

  /** The cell of an indicator in the column with this id (the field's name: unit, baselineValue …). */
  cellOf(code: string, colId: string): Locator {
    return this.rowParts(code).locator(`.ag-cell[col-id="${colId}"]`).first();
  }

  /** Types into a cell as the officer does: double-click, replace the text, Enter. */
  async editCell(code: string, colId: string, text: string): Promise<void> {
    const cell = this.cellOf(code, colId);
    await cell.scrollIntoViewIfNeeded();
    await cell.dblclick();
    const input = cell.locator('input');
    await input.waitFor();
    await input.fill(text);
    await input.press('Enter');
  }

  /** Picks one of a dropdown cell's choices (比较, 属性, 方向 …). */
  async chooseInCell(code: string, colId: string, choice: string): Promise<void> {
    const cell = this.cellOf(code, colId);
    await cell.scrollIntoViewIfNeeded();
    await cell.dblclick();
    // The dropdown opens on a click of its field; choosing ends the edit.
    await cell.locator('.ag-picker-field-wrapper').click();
    const option = this.page.locator('.ag-select-list .ag-list-item', { hasText: choice }).first();
    await option.waitFor();
    await option.click();
  }

  /** The reason an edit was refused, shown beside its cell. */
  cellRefusal(): Locator {
    return this.grid.getByTestId('cell-refusal');
  }

  editToolbar(): Locator {
    return this.page.getByRole('toolbar', { name: '编辑指标' });
  }

  dialog(testId: string): Locator {
    return this.page.getByTestId(testId);
  }

  async openRules(): Promise<Locator> {
    await this.page.getByRole('tab', { name: /^校验规则/ }).click();
    const rules = this.page.getByTestId('rules-grid');
    await rules.locator('.ag-row').first().waitFor();
    return rules;
  }
}
