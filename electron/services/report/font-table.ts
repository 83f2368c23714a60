/**
 * word/fontTable.xml naming each font the report uses with its fallback. The docx library writes a
 * font table only for fonts embedded in the file, and officers' machines rarely have 方正小标宋简体
 * or 仿宋_GB2312: Word and WPS then look for the w:altName (宋体, 仿宋, 楷体), and the GB2312
 * character set and PANOSE class keep any substitute a Chinese font of the same kind.
 */

interface FontEntry {
  name: string;
  altName?: string;
  panose: string;
  charset: string;
  family: 'roman' | 'modern' | 'auto';
  pitch: 'variable' | 'fixed';
}

const FONT_ENTRIES: readonly FontEntry[] = [
  { name: '方正小标宋简体', altName: '宋体', panose: '02000000000000000000', charset: '86', family: 'auto', pitch: 'variable' },
  { name: '仿宋_GB2312', altName: '仿宋', panose: '02010609030101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  { name: '楷体_GB2312', altName: '楷体', panose: '02010609030101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  { name: '黑体', altName: 'SimHei', panose: '02010609060101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  { name: '宋体', altName: 'SimSun', panose: '02010600030101010101', charset: '86', family: 'auto', pitch: 'variable' },
  { name: '仿宋', altName: 'FangSong', panose: '02010609060101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  { name: '楷体', altName: 'KaiTi', panose: '02010609060101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  { name: 'Times New Roman', panose: '02020603050405020304', charset: '00', family: 'roman', pitch: 'variable' },
];

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The font table as one override for docx's Packer. */
export function fontTableOverride(): { path: string; data: string } {
  const fonts = FONT_ENTRIES.map(
    (f) =>
      `<w:font w:name="${escape(f.name)}">${f.altName ? `<w:altName w:val="${escape(f.altName)}"/>` : ''}` +
      `<w:panose1 w:val="${f.panose}"/><w:charset w:val="${f.charset}"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`,
  ).join('');
  return {
    path: 'word/fontTable.xml',
    data:
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<w:fonts xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
      `${fonts}</w:fonts>`,
  };
}
