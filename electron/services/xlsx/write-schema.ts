import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../../read/load-exceljs';
import type { Schema } from '../../../shared/domain/schema';
import {
  BUREAU_HEADERS,
  FILLING_NOTES,
  META_ROWS,
  RULE_COLUMNS,
  WRITTEN_SCHEMA_COLUMNS,
  SHEET_NAMES,
  writeBureauAliases,
  type CellOut,
  type SchemaMetaKey,
} from '../../../shared/schema/schema-sheet-columns';

/**
 * A schema as an Excel workbook the officer can read and edit: 指标体系 (one indicator a row),
 * 校验规则, and 说明 (the schema's own fields and its bureaus). schemaFromGrid reads it back to
 * the same Schema, field for field.
 */
export async function writeSchemaWorkbook(schema: Schema): Promise<Uint8Array> {
  const workbook = new (await loadExcelJS()).Workbook();

  const indicators = addTableSheet(workbook, SHEET_NAMES.indicators, WRITTEN_SCHEMA_COLUMNS, 4);
  for (const indicator of schema.indicators) {
    const row = indicators.addRow(WRITTEN_SCHEMA_COLUMNS.map((column) => column.write(indicator)));
    WRITTEN_SCHEMA_COLUMNS.forEach((column, index) => {
      const cell = row.getCell(index + 1);
      if (typeof cell.value === 'number') {
        if (column.numberFormat) cell.numFmt = column.numberFormat(indicator);
      } else {
        markText(cell);
      }
    });
  }

  const rules = addTableSheet(workbook, SHEET_NAMES.rules, RULE_COLUMNS, 1);
  for (const rule of schema.rules) {
    const row = rules.addRow(RULE_COLUMNS.map((column) => column.write(rule)));
    row.eachCell((cell) => {
      if (typeof cell.value !== 'number') markText(cell);
    });
  }

  writeMetaSheet(workbook, schema);
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

function addTableSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: readonly { header: string; width: number }[],
  frozenColumns: number,
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: frozenColumns, ySplit: 1 }],
  });
  sheet.columns = columns.map((column) => ({ width: column.width }));
  const header = sheet.addRow(columns.map((column) => column.header));
  styleHeader(header);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return sheet;
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  row.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
    cell.border = { bottom: { style: 'thin' } };
  });
}

/**
 * Text from data goes in as a string cell, which Excel never evaluates, whatever its first
 * character. exceljs 4.4 has no quotePrefix style, so the cell gets the Text number format
 * ('@') instead: a cell edited later in Excel stays text rather than turning into a formula.
 */
function markText(cell: ExcelJS.Cell): void {
  if (typeof cell.value === 'string') cell.numFmt = '@';
}

function writeMetaSheet(workbook: ExcelJS.Workbook, schema: Schema): void {
  const sheet = workbook.addWorksheet(SHEET_NAMES.meta);
  sheet.columns = [{ width: 14 }, { width: 48 }, { width: 4 }, { width: 90 }];
  const values: Record<SchemaMetaKey, CellOut> = {
    id: schema.id,
    name: schema.name,
    region: schema.region,
    baseYear: schema.baseYear,
    targetYear: schema.targetYear,
    source: schema.source,
  };
  styleHeader(sheet.addRow(['项目', '内容', null, '填写说明']));
  for (const { key, label } of META_ROWS) {
    const cell = sheet.addRow([label, values[key] === '' ? null : values[key]]).getCell(2);
    markText(cell);
  }
  sheet.addRow([]);
  styleHeader(sheet.addRow([BUREAU_HEADERS.name, BUREAU_HEADERS.aliases]));
  for (const bureau of schema.bureaus) {
    const row = sheet.addRow([bureau.name, writeBureauAliases(bureau)]);
    row.eachCell(markText);
  }
  // The filling notes sit in column D, beside the fields, where the reader never looks.
  FILLING_NOTES.forEach((note, index) => {
    const cell = sheet.getCell(index + 2, 4);
    cell.value = note;
    cell.alignment = { wrapText: true, vertical: 'top' };
  });
}
