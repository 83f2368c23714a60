/**
 * Latin words an officer's screen may show: names of programs and file types she knows, and the
 * keys Ctrl and Alt as they are printed. Anything else in Latin letters is untranslated text.
 * Used by the e2e page checks and by unit tests of text the screens show.
 */
export const ALLOWED_LATIN_WORDS = new Set(['Excel', 'Word', 'docx', 'WPS', 'CSV', 'csv', 'xlsx', 'xls', 'xlsm', 'et', 'tzdb', 'SQLite', 'U', 'Ctrl', 'Alt']);

// Cell addresses (B7, AB12) and sheet names such as Sheet1 are data, not English prose.
const DATA_TOKEN = /^(?:[A-Z]{1,3}\d+|Sheet\d+)$/;

export function findEnglishWords(text: string): string[] {
  const words = text.match(/[A-Za-z][A-Za-z0-9]*/g) ?? [];
  return [...new Set(words.filter((word) => !ALLOWED_LATIN_WORDS.has(word) && !DATA_TOKEN.test(word)))];
}
