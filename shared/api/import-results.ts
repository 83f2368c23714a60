import type { ImportFileResult } from './contract';
import type { UserErrorCode } from './errors';

/** The result row of a file that was refused (or not counted), with the reason in Chinese. */
export function refusedImport(file: string, errorCode: UserErrorCode, message: string): ImportFileResult {
  return {
    file,
    outcome: 'rejected',
    returnId: null,
    bureau: null,
    region: null,
    year: null,
    matched: 0,
    unmatched: 0,
    values: 0,
    errorCode,
    message,
    duplicateOf: null,
  };
}
