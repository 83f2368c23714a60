import type { Locator, Page } from 'playwright-core';

/** A file as the test hands it to the page: a name and its bytes. */
export interface UploadFile {
  name: string;
  bytes: Uint8Array;
}

/** 导入报表: the drop zone, the column-role preview, the per-file results and the year's returns. */
export class ImportPage {
  readonly dropZone: Locator;
  readonly preview: Locator;
  readonly results: Locator;
  readonly returns: Locator;
  readonly progress: Locator;

  constructor(readonly page: Page) {
    this.dropZone = page.getByTestId('import-drop');
    this.preview = page.getByTestId('import-preview');
    this.results = page.getByTestId('import-results');
    this.returns = page.getByTestId('returns-table');
    this.progress = page.getByTestId('import-progress');
  }

  /** Chooses files in the dialog the drop zone opens, as the officer would. */
  async choose(files: UploadFile[]): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.dropZone.click();
    await (await chooser).setFiles(files.map((f) => ({ name: f.name, mimeType: 'application/octet-stream', buffer: Buffer.from(f.bytes) })));
  }

  /** Waits until the batch has ended (no progress line) or stopped at a preview. */
  async settled(): Promise<'preview' | 'done'> {
    await this.page.waitForFunction(
      () => document.querySelector('[data-testid="import-preview"]') !== null || document.querySelector('[data-testid="import-progress"]') === null,
    );
    return (await this.preview.count()) > 0 ? 'preview' : 'done';
  }

  /** The role dropdown above a column (by its letter) of the preview. */
  roleSelect(column: string): Locator {
    return this.preview.getByTestId(`role-${column}`);
  }

  async setRole(column: string, label: string): Promise<void> {
    await this.roleSelect(column).selectOption({ label });
  }

  async previewCell(row: number, column: number): Promise<string> {
    return this.preview.locator('tbody tr').nth(row).locator('td').nth(column).innerText();
  }

  async confirmPreview(): Promise<void> {
    await this.preview.getByRole('button', { name: '导入', exact: true }).click();
  }

  /** Per-file results, keyed by file name: status text and the detected figures. */
  async resultRows(): Promise<{ file: string; status: string; bureau: string; year: string; matched: string; unmatched: string; values: string; message: string }[]> {
    const rows = this.results.locator('tr.import-result');
    const out = [];
    for (const row of await rows.all()) {
      const cells = await row.locator('td').allInnerTexts();
      const message = row.locator('xpath=following-sibling::tr[1][contains(@class,"import-result__message")]');
      out.push({
        file: cells[1]!,
        status: cells[0]!.replace(/^\S+\s/, ''),
        bureau: cells[2]!,
        year: cells[4]!,
        matched: cells[5]!,
        unmatched: cells[6]!,
        values: cells[7]!,
        message: (await message.count()) > 0 ? await message.innerText() : '',
      });
    }
    return out;
  }

  returnRow(file: string): Locator {
    return this.returns.locator(`tr[data-file="${file}"]`);
  }
}
