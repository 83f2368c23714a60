/**
 * What the officer can do about a file the importer could not settle, in the words of the means
 * she is using: the app has the import preview; the command line has --year, --bureau and
 * --region and the formats remembered in the app. Detection states what it found; the caller
 * adds the remedy for its channel, once.
 */
export type Remedy = 'layout' | 'year' | 'years_apart' | 'bureau' | 'region' | 'reopen_year';
export type Channel = 'app' | 'cli';

const WORDS: Record<Channel, Record<Remedy, string>> = {
  app: {
    layout: '请在导入预览中指定表头行和各列含义，并勾选“记住此单位的格式”。',
    year: '请在导入预览中填写年度。',
    years_apart: '请在导入预览中核对并填写年度。',
    bureau: '请在导入预览中选择填报单位。',
    region: '请在导入预览中选择地区。',
    reopen_year: '如需导入，请先在“定稿与导出”中重新打开该年度。',
  },
  cli: {
    layout:
      '命令行不能指定各列含义：请在程序的“导入报表”预览中指定一次并勾选“记住此单位的格式”，此后该单位的报表用命令行导入也按此格式读取；或把表格整理为“指标名称、单位、年份”各列后再导入。',
    year: '请用 --year 指定年度（如 --year 2023）。',
    // --year is the year of files that state none; it does not overrule what a file states.
    years_apart: '请改正文件标题或文件名中的年度后再导入，或在程序的“导入报表”预览中填写年度。',
    bureau: '请用 --bureau 指定填报单位。',
    region: '请用 --region 指定地区。',
    reopen_year: '如需导入，请先用 taizhang signoff <工作簿> --year <年度> --reopen 重新打开该年度。',
  },
};

/** The sentence saying what to do. */
export function remedyText(remedy: Remedy, channel: Channel): string {
  return WORDS[channel][remedy];
}

/** A finding's message with its remedy, ending in exactly one 。 between them. */
export function withRemedy(message: string, remedy: Remedy | undefined, channel: Channel): string {
  const said = message.replace(/[。；;，,\s]+$/, '');
  return remedy ? `${said}。${remedyText(remedy, channel)}` : `${said}。`;
}
