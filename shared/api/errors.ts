/** Where a refused input sits, as precisely as known. */
export interface ErrorWhere {
  file?: string;
  sheet?: string;
  cell?: string;
}

/**
 * An input or a situation we refuse (a WPS .et file, a workbook in use, a bad argument).
 * The message is Chinese, says what happened and what to do; `code` is stable for tests and
 * for the corpus expectations. Everything that is not a UserError is a bug.
 */
export class UserError extends Error {
  readonly code: string;
  readonly where: ErrorWhere;

  constructor(code: string, message: string, where: ErrorWhere = {}) {
    super(message);
    this.name = 'UserError';
    this.code = code;
    this.where = where;
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
