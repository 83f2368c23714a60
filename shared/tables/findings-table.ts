import { FINDING_KIND_LABELS, type Finding, type FindingKind } from '../domain';
import { numberCell, safeSheetName, textCell, yearLabel, type TableCell, type TableLayout } from './table-layout';

/** A return's 填报人 and 联系电话, as read from it. */
export interface BureauContact {
  bureau: string;
  contactPerson: string | null;
  contactPhone: string | null;
  /** The return the contact was read from. */
  file: string | null;
}

export interface FindingsTableInput {
  year: number;
  /** The year's findings; only open ones needing a decision are listed. */
  findings: readonly Finding[];
  /** Contacts by bureau; a later entry for the same bureau wins where it says more. */
  contacts: readonly BureauContact[];
}


/** What the bureau is asked to do. */
export function requestOf(kind: FindingKind): '请报送' | '请更正' | '请核实' {
  switch (kind) {
    case 'missing':
      return '请报送';
    case 'unparseable_value':
    case 'formula_error':
    case 'unit_mismatch':
    case 'out_of_range':
      return '请更正';
    default:
      return '请核实';
  }
}

/** Where no bureau could be told from the file. */
export const UNKNOWN_BUREAU = '未识别单位';

/** The bureaus a finding concerns: one, several (a conflict), or none told from the file. */
export function bureausOf(finding: Pick<Finding, 'bureau'>): string[] {
  return finding.bureau ? finding.bureau.split('、') : [UNKNOWN_BUREAU];
}

const COLUMNS = [
  { width: 6, align: 'center' },
  { width: 8, align: 'center' },
  { width: 14, align: 'center' },
  { width: 30, align: 'left' },
  { width: 10, align: 'center' },
  { width: 24, align: 'left' },
  { width: 12, align: 'left' },
  { width: 8, align: 'center' },
  { width: 44, align: 'left' },
] as const;

/**
 * The tool's own doubts about matching a row to an indicator: the officer settles them in 核对;
 * a bureau cannot act on them, so they are not sent.
 */
const OFFICER_ONLY: ReadonlySet<FindingKind> = new Set(['unmatched_row', 'ambiguous_match']);

/** Open findings that ask something a bureau can act on (info findings need no answer). */
export function chaseFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.status === 'open' && f.severity !== 'info' && !OFFICER_ONLY.has(f.kind));
}

/**
 * 催报/更正清单: a summary sheet, then one sheet per bureau listing what it must send or fix,
 * with file, sheet and cell, and the 填报人 and 联系电话 of its return.
 */
export function buildFindingsTables(input: FindingsTableInput): TableLayout[] {
  const open = chaseFindings(input.findings);
  const byBureau = new Map<string, Finding[]>();
  for (const f of open) {
    // A conflict between bureaus (市民政局、市卫生健康委) asks each of them to check its figure.
    for (const key of bureausOf(f)) byBureau.set(key, [...(byBureau.get(key) ?? []), f]);
  }
  const bureaus = [...byBureau.keys()].sort((a, b) => (a === UNKNOWN_BUREAU ? 1 : b === UNKNOWN_BUREAU ? -1 : a.localeCompare(b, 'zh-Hans-CN')));
  const contacts = contactIndex(input.contacts);
  const taken = new Set<string>(['催报更正汇总']);
  const sheets = bureaus.map((bureau) => {
    const layout = bureauSheet(bureau, byBureau.get(bureau)!, contacts.get(bureau), input.year);
    layout.sheetName = safeSheetName(bureau, taken);
    taken.add(layout.sheetName);
    return layout;
  });
  return [summarySheet(bureaus, byBureau, contacts, input.year, open.length), ...sheets];
}

function contactIndex(contacts: readonly BureauContact[]): Map<string, BureauContact> {
  const index = new Map<string, BureauContact>();
  for (const c of contacts) {
    const seen = index.get(c.bureau);
    index.set(c.bureau, {
      bureau: c.bureau,
      contactPerson: c.contactPerson ?? seen?.contactPerson ?? null,
      contactPhone: c.contactPhone ?? seen?.contactPhone ?? null,
      file: c.file ?? seen?.file ?? null,
    });
  }
  return index;
}

function contactLine(contact: BureauContact | undefined): string {
  if (!contact || (!contact.contactPerson && !contact.contactPhone)) return '填报人：（报表未注明）　　联系电话：（报表未注明）';
  const from = contact.file ? `（据“${contact.file}”）` : '';
  return `填报人：${contact.contactPerson ?? '（未注明）'}　　联系电话：${contact.contactPhone ?? '（未注明）'}${from}`;
}

function bureauSheet(bureau: string, findings: Finding[], contact: BureauContact | undefined, year: number): TableLayout {
  const order = { 请报送: 0, 请更正: 1, 请核实: 2 } as const;
  const sorted = [...findings].sort((a, b) => order[requestOf(a.kind)] - order[requestOf(b.kind)] || (a.indicator ?? '').localeCompare(b.indicator ?? ''));
  const body: TableCell[][] = sorted.map((f, i) => {
    // The cited cell is the first bureau's: another bureau of a conflict is not sent to a file it never wrote.
    const own = bureausOf(f)[0] === bureau;
    return [
      numberCell(i + 1, 0),
      textCell(requestOf(f.kind)),
      textCell(FINDING_KIND_LABELS[f.kind]),
      textCell(f.name),
      textCell(f.region),
      textCell(own ? f.file : null),
      textCell(own ? f.sheet : null),
      textCell(own ? f.cell : null),
      textCell(f.message),
    ];
  });
  const send = sorted.filter((f) => requestOf(f.kind) === '请报送').length;
  return {
    sheetName: bureau,
    title: `${bureau}${yearLabel(year)}报表催报更正清单`,
    subtitles: [contactLine(contact), `请报送 ${send} 项，请更正或核实 ${sorted.length - send} 项。`],
    columns: COLUMNS.map(({ width, align }) => ({ width, align })),
    header: [['序号', '事项', '问题类型', '指标名称', '地区', '文件', '工作表', '单元格', '说明']],
    headerMerges: [],
    body,
    bodyMerges: [],
    notes: ['注：请按“事项”报送缺报数据或更正、核实所列单元格，更正后重新报送整张报表。'],
    draft: false,
    frozenColumns: 2,
  };
}

function summarySheet(
  bureaus: string[],
  byBureau: Map<string, Finding[]>,
  contacts: Map<string, BureauContact>,
  year: number,
  total: number,
): TableLayout {
  const body: TableCell[][] = bureaus.map((bureau, i) => {
    const list = byBureau.get(bureau)!;
    const send = list.filter((f) => requestOf(f.kind) === '请报送').length;
    const contact = contacts.get(bureau);
    return [
      numberCell(i + 1, 0),
      textCell(bureau),
      numberCell(send, 0),
      numberCell(list.length - send, 0),
      numberCell(list.length, 0),
      textCell(contact?.contactPerson),
      textCell(contact?.contactPhone),
    ];
  });
  return {
    sheetName: '催报更正汇总',
    title: `${yearLabel(year)}报表催报更正汇总`,
    subtitles: [total === 0 ? '各单位报表均无待处理问题。' : `共 ${bureaus.length} 个单位、${total} 项待报送或更正。`],
    columns: [
      { width: 6, align: 'center' },
      { width: 26, align: 'left' },
      { width: 10, align: 'right' },
      { width: 12, align: 'right' },
      { width: 8, align: 'right' },
      { width: 12, align: 'center' },
      { width: 18, align: 'center' },
    ],
    header: [['序号', '单位', '请报送（项）', '请更正/核实（项）', '合计', '填报人', '联系电话']],
    headerMerges: [],
    body,
    bodyMerges: [],
    notes: [],
    draft: false,
    frozenColumns: 2,
  };
}
