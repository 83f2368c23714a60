/**
 * How the word gets out that a workbook was edited outside the app. Opening a workbook announces
 * its standing problems here; the CLI listens and prints one warning line on stderr for every
 * command that opens a workbook (the app shows them from the open workbook's handle). Kept free
 * of the store's imports, so that listening loads neither SQLite nor the store.
 */

export interface NoticeProblem {
  message: string;
}

type Listener = (file: string, problems: readonly NoticeProblem[]) => void;

const listeners = new Set<Listener>();

/** Calls `listener` whenever a workbook with standing problems is opened; returns the way to stop. */
export function onIntegrityProblems(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function announceIntegrityProblems(file: string, problems: readonly NoticeProblem[]): void {
  if (problems.length === 0) return;
  for (const listener of listeners) listener(file, problems);
}

/** How many problems one line names before it says how many more there are. */
const LISTED = 4;

/** The plain statement the officer sees: 工作簿在本程序之外被修改过：…；…。 */
export function integrityNotice(problems: readonly NoticeProblem[]): string {
  const listed = problems.slice(0, LISTED).map((p) => p.message.replace(/[。；\s]+$/, ''));
  const more = problems.length > LISTED ? `；另有 ${problems.length - LISTED} 处` : '';
  return `工作簿在本程序之外被修改过：${listed.join('；')}${more}。这些内容不可轻信，请与备份副本或原始报表核对。`;
}
