import { UserError, isUserError, type UserErrorCode } from '../../shared/api/errors';

/**
 * Runs `work`; a refusal with `code` gets the command line's way on added (the services word
 * their refusals for every caller, and only the CLI knows its flags).
 */
export async function withHint<T>(code: UserErrorCode, hint: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUserError(error) && error.code === code) throw new UserError(error.code, `${error.message}${hint}`, error.where);
    throw error;
  }
}
