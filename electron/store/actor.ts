import os from 'node:os';
import { UserError } from '../../shared/api/errors';
import { unsafeNameProblem } from '../../shared/schema/validate-schema';

/** Who is at the keyboard: the OS account, and the 操作人 name set in the app (the account by default). */
export interface Actor {
  host: string;
  osUser: string;
  operator: string;
}

/** The actor for `operator`; a name with control or bidirectional-override characters is refused. */
export function currentActor(operator?: string): Actor {
  const osUser = readOsUser();
  const name = operator?.trim();
  const unsafe = name ? unsafeNameProblem('操作人', name) : null;
  if (unsafe) throw new UserError('bad_operator', unsafe);
  return { host: os.hostname(), osUser, operator: name ? name : osUser };
}

function readOsUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    // A uid without a passwd entry (containers, some domain set-ups) has no name to show.
    return process.env.USERNAME ?? process.env.USER ?? `uid-${process.getuid?.() ?? '?'}`;
  }
}
