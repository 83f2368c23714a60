import { bureauIndex, canonicalBureau, type Bureau } from '../domain/bureau';
import type { Responsibility } from '../domain/indicator';

export {
  extractResponsibilityClauses,
  findDocumentNumber,
  type ResponsibilityClause,
} from './extract-responsibility-clauses';

/** What one responsibility clause says, with every bureau under its canonical name. */
export interface ParsedResponsibility {
  leadBureaus: string[];
  coBureaus: string[];
  jointBureaus: string[];
  /** 各县区政府, 咸宁高新区管委会, 各乡镇人民政府(街道办事处) … */
  localGovernments: string[];
  /** 有关部门(单位), 相关公司, 工作领导小组成员单位: named by the document, no bureau behind them. */
  placeholders: string[];
  /** Names neither in the bureau list nor recognisable as a government or placeholder. */
  unknownNames: string[];
  text: string;
}

type Role = 'lead' | 'co' | 'joint';
type Label = 'lead' | 'responsible' | 'co';

const LABELS: Record<string, Label> = { 牵头单位: 'lead', 责任单位: 'responsible', 配合单位: 'co' };
const LABEL_PATTERN = /(牵头单位|责任单位|配合单位)[:]/g;
/** The verb closing a list says what the list is: 牵头, 配合, or (按职责分工)负责. */
const VERB_PATTERN = /(按职责分工负责|分工负责|负责|牵头|配合)$/;
const VERB_ROLES: Record<string, Role> = {
  按职责分工负责: 'joint',
  分工负责: 'joint',
  负责: 'joint',
  牵头: 'lead',
  配合: 'co',
};
const LOCAL_GOVERNMENT = /(政府|管委会|管委|办事处)(\([^)]*\))?$/;
const PLACEHOLDER = /^(有关|相关|其他)|成员单位$/;

/**
 * Reads one clause: seed 000's table cell (`县卫生健康局牵头,县发改局…配合`), seed 001/002's
 * `(责任单位:…等部门按职责分工负责,各县区政府、管委会负责)`, seed 003's
 * `(牵头单位:…;责任单位:…` with separators and brackets lost, seed 004's unlabelled lists.
 * Under a 牵头单位 label, 责任单位 means the cooperating bureaus (seed 003); without one it
 * means the jointly responsible ones. Unknown names are reported, never added to a list.
 */
export function parseResponsibility(
  text: string,
  bureaus: readonly Bureau[] | ReadonlyMap<string, string>,
): ParsedResponsibility {
  const index = bureaus instanceof Map ? bureaus : bureauIndex(bureaus as readonly Bureau[]);
  const result: ParsedResponsibility = {
    leadBureaus: [],
    coBureaus: [],
    jointBureaus: [],
    localGovernments: [],
    placeholders: [],
    unknownNames: [],
    text,
  };
  const body = stripOuterBrackets(text.normalize('NFKC').replace(/\s+/g, ''));
  const parts = splitAtLabels(body);
  const hasLeadLabel = parts.some((part) => part.label === 'lead');
  let previousRole: Role = 'joint';
  for (const part of parts) {
    const segments = part.text.split(/[;,。]/).filter((segment) => segment !== '');
    segments.forEach((segment, position) => {
      const verb = VERB_PATTERN.exec(segment)?.[1];
      const label = position === 0 ? part.label : null;
      const role: Role = verb
        ? (VERB_ROLES[verb] ?? 'joint')
        : label === 'lead'
          ? 'lead'
          : label === 'co' || (label === 'responsible' && hasLeadLabel)
            ? 'co'
            : label === 'responsible'
              ? 'joint'
              : previousRole;
      previousRole = role;
      const names = verb ? segment.slice(0, -verb.length) : segment;
      for (const name of splitNames(names, index)) assignName(result, name, role, index);
    });
  }
  return removeRepeats(result);
}

/** The clause as a domain Responsibility, cited where it stands. */
export function toResponsibility(parsed: ParsedResponsibility, citation: string): Responsibility {
  return {
    leadBureaus: [...parsed.leadBureaus],
    coBureaus: [...parsed.coBureaus],
    jointBureaus: [...parsed.jointBureaus],
    localGovernments: [...parsed.localGovernments],
    text: parsed.text,
    citation,
  };
}

function assignName(result: ParsedResponsibility, name: string, role: Role, index: ReadonlyMap<string, string>): void {
  if (PLACEHOLDER.test(name)) {
    result.placeholders.push(name);
    return;
  }
  if (LOCAL_GOVERNMENT.test(name)) {
    result.localGovernments.push(name);
    return;
  }
  const canonical = canonicalBureau(index, name);
  if (canonical === null) {
    result.unknownNames.push(name);
    return;
  }
  const target = role === 'lead' ? result.leadBureaus : role === 'co' ? result.coBureaus : result.jointBureaus;
  target.push(canonical);
}

/** `(牵头单位:…` lost its closing bracket in seed 003; a bracket that closes nothing is dropped. */
function stripOuterBrackets(body: string): string {
  let rest = body.replace(/^\(/, '');
  const opens = (rest.match(/\(/g) ?? []).length;
  const closes = (rest.match(/\)/g) ?? []).length;
  if (closes > opens && rest.endsWith(')')) rest = rest.slice(0, -1);
  return rest;
}

function splitAtLabels(body: string): { label: Label | null; text: string }[] {
  const parts: { label: Label | null; text: string }[] = [];
  let label: Label | null = null;
  let start = 0;
  for (const match of body.matchAll(LABEL_PATTERN)) {
    parts.push({ label, text: body.slice(start, match.index) });
    label = LABELS[match[1] ?? ''] ?? null;
    start = match.index + match[0].length;
  }
  parts.push({ label, text: body.slice(start) });
  return parts.filter((part) => part.text !== '' || part.label !== null);
}

/**
 * Splits a list into names. `等部门` closes a list without naming anyone; `等有关部门(单位)` ends it
 * with a placeholder. Seed 003 runs names together (`市住建局各县市区人民政府咸宁高新区管委会`): a
 * name opening with 各 after a bureau, and a name after 政府, start anew; anything still unknown is
 * tried as a run of known names before it is reported.
 */
function splitNames(list: string, index: ReadonlyMap<string, string>): string[] {
  const cleaned = list
    .replace(/等(?=有关|相关|其他)/g, '、')
    .replace(/等(部门|单位)$/, '')
    .replace(/等$/, '');
  return cleaned
    .split('、')
    .flatMap((piece) => piece.split(/(?<=[局委办会联院厅部心队行])(?=各)/))
    .flatMap((piece) => piece.split(/(?<=政府)(?=[^(])/))
    .filter((piece) => piece !== '')
    .flatMap((piece) => splitRunIn(piece, index));
}

/** `市民政局市卫健委` → both, when every part is a known bureau; otherwise the piece as it is. */
function splitRunIn(piece: string, index: ReadonlyMap<string, string>): string[] {
  if (isRecognised(piece, index)) return [piece];
  const names: string[] = [];
  let rest = piece;
  while (rest !== '') {
    let found = '';
    for (let end = rest.length; end > 0; end -= 1) {
      const candidate = rest.slice(0, end);
      if (index.has(candidate) || LOCAL_GOVERNMENT.test(candidate)) {
        found = candidate;
        break;
      }
    }
    if (found === '') return [piece];
    names.push(found);
    rest = rest.slice(found.length);
  }
  return names;
}

function isRecognised(name: string, index: ReadonlyMap<string, string>): boolean {
  return PLACEHOLDER.test(name) || LOCAL_GOVERNMENT.test(name) || canonicalBureau(index, name) !== null;
}

/** A bureau named twice (seed 003 lists 市民政局 twice) counts once; a lead is not also a co-bureau. */
function removeRepeats(result: ParsedResponsibility): ParsedResponsibility {
  const lead = unique(result.leadBureaus);
  const co = unique(result.coBureaus).filter((name) => !lead.includes(name));
  const joint = unique(result.jointBureaus).filter((name) => !lead.includes(name) && !co.includes(name));
  return {
    ...result,
    leadBureaus: lead,
    coBureaus: co,
    jointBureaus: joint,
    localGovernments: unique(result.localGovernments),
    placeholders: unique(result.placeholders),
    unknownNames: unique(result.unknownNames),
  };
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}
