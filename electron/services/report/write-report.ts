import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HighlightColor,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IParagraphStyleOptions,
} from 'docx';
import type { ProgressChart, ReportBlock, ReportDocument, ReportRun, ReportTable } from '../../../shared/report/report-document';
import { shownText, type TableCell as LayoutCell } from '../../../shared/tables/table-layout';
import { fontTableOverride } from './font-table';
import {
  BODY_CONDENSED,
  CHAR_WIDTH,
  CHART_WIDTH_PX,
  FONTS,
  FOOTER_DISTANCE,
  HEADER_DISTANCE,
  LINE_PITCH,
  MARGINS,
  PAGE,
  SIZE,
  TABLE_LINE,
  TEXT_WIDTH,
  mm,
} from './official-layout';
import { renderProgressChart } from './progress-chart';

/** Font of a style: the Chinese face for Chinese text, Times New Roman for figures and Latin. */
const font = (eastAsia: string) => ({ eastAsia, ascii: FONTS.latin, hAnsi: FONTS.latin, cs: FONTS.latin });
/** Every line of running text on the 28.95 pt pitch: exact spacing holds in Word, WPS and LibreOffice alike. */
const onPitch = { line: LINE_PITCH, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

/** 一、 in 黑体 and （一） in 楷体: body size, indented like the body, kept with what follows. */
function headingStyle(id: string, name: string, face: string, outlineLevel: number): IParagraphStyleOptions {
  return {
    id,
    name,
    basedOn: 'ReportBody',
    next: 'ReportBody',
    run: { font: font(face), size: SIZE.三号 },
    paragraph: { keepNext: true, outlineLevel, spacing: onPitch, indent: { firstLine: 2 * CHAR_WIDTH } },
  };
}

/**
 * Paragraph styles, so that an officer who edits the draft in Word or WPS finds them named:
 * 公文标题, 正文, 一级标题 (黑体), 二级标题 (楷体), 表题, 表格文字.
 */
const STYLES: IParagraphStyleOptions[] = [
  {
    id: 'ReportTitle',
    name: '公文标题',
    basedOn: 'Normal',
    next: 'ReportBody',
    run: { font: font(FONTS.title), size: SIZE.二号 },
    paragraph: { alignment: AlignmentType.CENTER, spacing: { line: mm(13), lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
  },
  {
    id: 'ReportBody',
    name: '正文',
    basedOn: 'Normal',
    run: { font: font(FONTS.body), size: SIZE.三号, characterSpacing: BODY_CONDENSED },
    paragraph: { alignment: AlignmentType.JUSTIFIED, spacing: onPitch, indent: { firstLine: 2 * CHAR_WIDTH } },
  },
  headingStyle('ReportHeading1', '一级标题', FONTS.heading1, 0),
  headingStyle('ReportHeading2', '二级标题', FONTS.heading2, 1),
  {
    id: 'ReportCaption',
    name: '表题',
    basedOn: 'Normal',
    next: 'ReportBody',
    run: { font: font(FONTS.heading1), size: SIZE.四号 },
    paragraph: { alignment: AlignmentType.CENTER, keepNext: true, spacing: { ...onPitch, before: 120 } },
  },
  {
    id: 'ReportTableText',
    name: '表格文字',
    basedOn: 'Normal',
    run: { font: font(FONTS.table), size: SIZE.五号, snapToGrid: false },
    paragraph: { spacing: { line: TABLE_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
  },
];

const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

function runsOf(runs: readonly ReportRun[]): TextRun[] {
  return runs.map((run) => {
    if (run.mark === 'placeholder') return new TextRun({ text: run.text, highlight: HighlightColor.YELLOW, bold: true });
    if (run.mark === 'lead') return new TextRun({ text: run.text, bold: true });
    return new TextRun(run.text);
  });
}

/** A cell's text; a header's \n breaks its line. */
function tableText(text: string, align: 'left' | 'center' | 'right', bold = false): Paragraph {
  const children = text.split('\n').map((line, i) => new TextRun({ text: line, bold, ...(i > 0 ? { break: 1 } : {}), ...(bold ? { font: font(FONTS.heading1) } : {}) }));
  return new Paragraph({ style: 'ReportTableText', alignment: ALIGN[align], children });
}

/** A table across the text width: the header row repeated on every page, no row split across pages. */
function tableOf(table: ReportTable): (Paragraph | Table)[] {
  const total = table.columns.reduce((sum, c) => sum + c.width, 0);
  const widths = table.columns.map((c) => Math.floor((c.width / total) * TEXT_WIDTH));
  const cell = (children: Paragraph[], width: number) =>
    new TableCell({
      children,
      width: { size: width, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { top: 30, bottom: 30, left: 60, right: 60 },
    });
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: table.columns.map((c, i) => cell([tableText(c.title, 'center', true)], widths[i]!)),
  });
  const rows = table.rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        children: row.map((value: LayoutCell, i) => cell([tableText(shownText(value), value.kind === 'none' ? 'center' : table.columns[i]!.align)], widths[i]!)),
      }),
  );
  return [
    new Paragraph({ style: 'ReportCaption', children: [new TextRun(table.caption)] }),
    new Table({
      rows: [header, ...rows],
      width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      alignment: AlignmentType.CENTER,
      borders: { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN },
    }),
  ];
}

/** The chart as SVG with a PNG beside it; its caption under it, as charts are captioned. */
function chartOf(chart: ProgressChart, index: number): Paragraph[] {
  const drawn = renderProgressChart(chart, CHART_WIDTH_PX);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      // Single spacing: an exact line height would crop the picture to one line.
      spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 120, after: 0 },
      children: [
        new ImageRun({
          type: 'svg',
          data: drawn.svg,
          fallback: { type: 'png', data: drawn.png },
          transformation: { width: drawn.width, height: drawn.height },
          altText: { name: `图${index}`, title: chart.caption, description: chart.caption },
        }),
      ],
    }),
    new Paragraph({ style: 'ReportCaption', spacing: { ...onPitch, before: 0 }, children: [new TextRun(chart.caption)] }),
  ];
}

function blockOf(block: ReportBlock, charts: { n: number }, next: ReportBlock | undefined): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'heading':
      return [new Paragraph({ style: block.level === 1 ? 'ReportHeading1' : 'ReportHeading2', children: [new TextRun(block.text)] })];
    case 'paragraph':
      return [
        new Paragraph({
          style: 'ReportBody',
          children: runsOf(block.runs),
          // The date is not left alone on a page of its own.
          ...(next?.kind === 'paragraph' && next.align === 'right' ? { keepNext: true } : {}),
          // The date stands four characters in from the right (成文日期右空四字).
          ...(block.align === 'right' ? { alignment: AlignmentType.RIGHT, indent: { firstLine: 0, right: 4 * CHAR_WIDTH } } : {}),
        }),
      ];
    case 'table':
      return tableOf(block.table);
    case 'chart':
      return chartOf(block.chart, ++charts.n);
  }
}

/**
 * Page numbers as the standard prints them: 四号 宋体, a dash on each side (— 1 —), odd pages on
 * the right and even pages on the left, one character in from the edge of the 版心.
 */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: CHAR_WIDTH } : { left: CHAR_WIDTH },
        children: [new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            // 半角宋体阿拉伯数字: the figures in 宋体 too, not in the body's Times New Roman.
            font: { eastAsia: FONTS.pageNumber, ascii: FONTS.pageNumber, hAnsi: FONTS.pageNumber, cs: FONTS.pageNumber },
            size: SIZE.四号,
          })],
      }),
    ],
  });
}

/** 初稿 in 黑体 at the top of every page while the year is not final. */
function draftHeader(draft: boolean): Header {
  return new Header({
    children: [new Paragraph({ children: draft ? [new TextRun({ text: '初稿', font: font(FONTS.heading1), size: SIZE.三号, color: 'C00000' })] : [] })],
  });
}

/** The report as a .docx: GB/T 9704 page, fonts and page numbers; charts as SVG with a PNG fallback. */
export async function writeReport(report: ReportDocument): Promise<Uint8Array> {
  const charts = { n: 0 };
  const head: Paragraph[] = [
    new Paragraph({ style: 'ReportTitle', children: [new TextRun(report.title)] }),
    new Paragraph({ style: 'ReportTitle', children: [new TextRun(report.titleNote)] }),
    new Paragraph({ style: 'ReportBody', alignment: AlignmentType.CENTER, indent: { firstLine: 0 }, spacing: { ...onPitch, before: Math.round(LINE_PITCH / 2) }, children: [new TextRun({ text: report.stateLine, font: font(FONTS.heading2) })] }),
    new Paragraph({
      style: 'ReportBody',
      children: [new TextRun({ text: report.stateNotice, font: font(FONTS.heading2), ...(report.draft ? { color: 'C00000' } : {}) })],
    }),
  ];
  const document = new Document({
    creator: '指标台账',
    title: `${report.title}${report.titleNote}`,
    description: report.draft ? '初稿' : '',
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: { document: { run: { font: font(FONTS.body), size: SIZE.三号 }, paragraph: { spacing: onPitch } } },
      paragraphStyles: STYLES,
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { ...MARGINS, header: HEADER_DISTANCE, footer: FOOTER_DISTANCE, gutter: 0 },
          },
        },
        headers: { default: draftHeader(report.draft), even: draftHeader(report.draft) },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children: [...head, ...report.blocks.flatMap((block, i) => blockOf(block, charts, report.blocks[i + 1]))],
      },
    ],
  });
  const bytes = await Packer.toBuffer(document, false, [fontTableOverride()]);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
