import { UserError, type ErrorWhere } from '../../shared/api/errors';
import type { Schema } from '../../shared/domain/schema';
import { describeSheetProblem, schemaFromGrid } from '../../shared/schema/schema-from-grid';
import { validateSchema } from '../../shared/schema/validate-schema';
import { readGrid } from '../read/read-grid';

/** How many problems a refusal lists before saying how many more there are. */
const LISTED_PROBLEMS = 5;

export interface LoadSchemaFileOptions {
  /** Overrides the schema id found in the file. */
  id?: string;
  /** Overrides the region found in the file (taizhang init --region). */
  region?: string;
}

/**
 * A schema from an Excel indicator list (指标体系表) or from a workbook's exported schema.
 * Refused with a UserError ('schema_invalid') naming the first problems — the cells of a sheet
 * that cannot be read, or the indicators and rules that validateSchema finds wrong.
 */
export async function loadSchemaFile(
  file: { name: string; bytes: Uint8Array },
  options: LoadSchemaFileOptions = {},
): Promise<Schema> {
  const grid = await readGrid(file);
  const { schema, problems } = schemaFromGrid(grid, { fileName: file.name, ...options });
  if (!schema) {
    const errors = problems.filter((problem) => problem.level === 'error');
    const first = errors[0];
    const where: ErrorWhere = { file: file.name };
    if (first) where.sheet = first.sheet;
    if (first?.cell) where.cell = first.cell;
    throw refusal(file.name, errors.map(describeSheetProblem), where);
  }
  const invalid = validateSchema(schema);
  if (invalid.length > 0) {
    throw refusal(file.name, invalid.map((problem) => problem.message), { file: file.name });
  }
  return schema;
}

function refusal(fileName: string, messages: string[], where: ErrorWhere): UserError {
  const listed = messages.slice(0, LISTED_PROBLEMS).map((message) => message.replace(/。$/, ''));
  if (listed.length === 0) listed.push('没有读到任何指标');
  const more = messages.length > LISTED_PROBLEMS ? `；另有 ${messages.length - LISTED_PROBLEMS} 处问题` : '';
  return new UserError(
    'schema_invalid',
    `“${fileName}”不能作为指标体系导入：${listed.join('；')}${more}。请修改后重新导入。`,
    where,
  );
}
