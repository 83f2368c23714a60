import { describe, expect, it } from 'vitest';
import { remedyText, withRemedy, type Remedy } from '../../../shared/import/remedies';

const REMEDIES: Remedy[] = ['layout', 'year', 'bureau', 'reopen_year'];

describe('what to do about a file, in the words of the means the officer uses', () => {
  it('tells the app user about the preview and the screens, never a command-line flag', () => {
    for (const remedy of REMEDIES) expect(remedyText(remedy, 'app'), remedy).not.toMatch(/--|命令行|taizhang/);
    expect(withRemedy('2023年已定稿，不能再导入“a.xlsx”', 'reopen_year', 'app')).toBe('2023年已定稿，不能再导入“a.xlsx”。如需导入，请先在“定稿与导出”中重新打开该年度。');
  });

  it('tells the command line its flags', () => {
    expect(remedyText('year', 'cli')).toContain('--year');
    expect(remedyText('bureau', 'cli')).toContain('--bureau');
    expect(remedyText('reopen_year', 'cli')).toContain('--reopen');
  });
});
