/**
 * Matching a return's row to an indicator, in DESIGN's order: template key → exact name → alias
 * → normalised name → fuzzy (character bigrams, scored on the longest common subsequence). A row
 * below the auto-accept score, or one a veto stops, becomes a finding with ranked candidates.
 *
 * Everything about the schema is indexed once in buildMatcher; a row then costs a few map look-ups,
 * a walk over the postings of its bigrams and an alignment with a dozen candidates, so 12 000
 * rows against a schema of a few dozen indicators take well under a second.
 */
import type { MatchCandidate } from '../domain/finding';
import type { Indicator } from '../domain/indicator';
import { vetoOf } from './match-veto';
import { normalizeName } from './normalize-name';
import { alignNames, bigramsOf, diceOf, lcsRatio, type Alignment } from './similarity';
import { normalizeUnit, parseUnit, unitFromName, unitsCompatible } from './units';
import { coreName } from './name-parts';

/**
 * A fuzzy score from here up is accepted without asking, provided nothing vetoes it and it leads
 * the next indicator by AUTO_ACCEPT_MARGIN. At 0.85 a name may lose or mistype one or two
 * characters in fifteen (养老机构护理型床位占比 for 养老机构护理型养老床位占比 scores about 0.9);
 * two indicators of one family differing in a word (骨干养老/托育企业数量) score 0.65–0.75.
 */
export const AUTO_ACCEPT_SCORE = 0.85;
/** Two candidates this close are a choice for the officer, not for the program. */
export const AUTO_ACCEPT_MARGIN = 0.05;
/** A best candidate from here up makes the row `ambiguous_match`; below it, `unmatched_row`. */
export const AMBIGUOUS_FLOOR = 0.5;
/** Candidates scoring less are not worth showing. */
export const CANDIDATE_FLOOR = 0.3;
export const MAX_CANDIDATES = 5;
/** How many bigram-prefiltered names get the full alignment score. */
const RESCORE_POOL = 8;
/** Always aligned, whatever their bigram overlap, so that a row has candidates to show. */
const MIN_ALIGNED = 3;
/** Beyond MIN_ALIGNED, only names with at least this share of the best bigram overlap are aligned. */
const POOL_DICE_SHARE = 0.5;

export type MatchMethodFound = 'key' | 'exact' | 'alias' | 'normalized' | 'fuzzy';

export interface MatchInput {
  /** The name as written in the return. */
  name: string;
  /** The row's unit (unit column); when absent, the name's brackets are read. */
  unit?: string | null;
  /** An indicator code from the template key or a code column. */
  code?: string | null;
  /** The return's bureau (canonical name): its own aliases apply only to its returns. */
  bureau?: string | null;
}

export interface MatchResult {
  code: string | null;
  method: MatchMethodFound | null;
  /** 1 for key, exact, alias and normalised matches; the similarity of the best candidate otherwise. */
  score: number;
  /** Ranked best first, at most MAX_CANDIDATES. */
  candidates: MatchCandidate[];
  outcome: 'matched' | 'ambiguous' | 'unmatched';
  /** Why the row was not matched automatically (in Chinese, for the finding's message); null when matched. */
  reason: string | null;
  /** The row's unit as the matcher read it (unit column, else the name's brackets), for value conversion. */
  rowUnit: string | null;
}

export interface AliasEntry {
  alias: string;
  code: string;
  /** Set when the alias was confirmed for one bureau's returns only. */
  bureau?: string | null;
}

export interface Matcher {
  match(input: MatchInput): MatchResult;
}

/** A name the fuzzy step can land on: an indicator's name or one of its aliases. */
interface Entry {
  code: string;
  norm: string;
  gramCount: number;
  bureau: string | null;
}

/** A result before the row's unit is attached; a unit read off the name comes with it. */
type Decision = Omit<MatchResult, 'rowUnit'> & { rowUnit?: string | null };

interface Scored {
  code: string;
  score: number;
  entry: Entry;
  alignment: Alignment;
}

export function buildMatcher(indicators: readonly Indicator[], aliases: readonly AliasEntry[]): Matcher {
  const byCode = new Map<string, Indicator>();
  const exact = new Map<string, Set<string>>();
  const globalAliases = new Map<string, Set<string>>();
  const bureauAliases = new Map<string, Map<string, Set<string>>>();
  const normalized = new Map<string, Set<string>>();
  const bureauNormalized = new Map<string, Map<string, Set<string>>>();
  const entries: Entry[] = [];
  const postings = new Map<string, number[]>();

  const addEntry = (code: string, text: string, bureau: string | null): void => {
    const norm = normalizeName(text);
    if (norm === '') return;
    if (bureau === null) addTo(normalized, norm, code);
    else addTo(mapFor(bureauNormalized, bureau), norm, code);
    const grams = bigramsOf(norm);
    const index = entries.length;
    entries.push({ code, norm, gramCount: grams.size, bureau });
    for (const gram of grams) {
      const list = postings.get(gram);
      if (list) list.push(index);
      else postings.set(gram, [index]);
    }
  };

  for (const indicator of indicators) {
    byCode.set(indicator.code, indicator);
    addTo(exact, nameKey(indicator.name), indicator.code);
    addEntry(indicator.code, indicator.name, null);
    for (const alias of indicator.aliases) {
      addTo(globalAliases, nameKey(alias), indicator.code);
      addEntry(indicator.code, alias, null);
    }
  }
  for (const { alias, code, bureau } of aliases) {
    if (!byCode.has(code)) continue;
    const owner = bureau?.trim() || null;
    addTo(owner === null ? globalAliases : mapFor(bureauAliases, owner), nameKey(alias), code);
    addEntry(code, alias, owner);
  }

  const overlap = new Uint16Array(entries.length);
  const cache = new Map<string, MatchResult>();

  const lookUp = (input: MatchInput, rowUnit: string | null): Decision => {
    const bureau = input.bureau?.trim() || null;
    if (input.code && byCode.has(input.code.trim())) return found(input.code.trim(), 'key', byCode);
    const key = nameKey(input.name);

    const steps: [MatchMethodFound, Set<string> | undefined][] = [
      ['exact', exact.get(key)],
      ['alias', (bureau && bureauAliases.get(bureau)?.get(key)) || globalAliases.get(key)],
    ];
    const norm = normalizeName(input.name);
    steps.push(['normalized', (bureau && bureauNormalized.get(bureau)?.get(norm)) || normalized.get(norm)]);
    for (const [method, codes] of steps) {
      if (!codes || codes.size === 0) continue;
      if (codes.size === 1) return found(first(codes), method, byCode);
      return severalNamed(codes, byCode);
    }
    if (norm === '') return { code: null, method: null, score: 0, candidates: [], outcome: 'unmatched', reason: '名称为空' };
    // "常住人口人", "粮食产量万吨": a unit glued to the name, which then counts as the row's unit.
    const glued = gluedUnitOf(key);
    if (glued && (rowUnit === null || unitsCompatible(glued.unit, rowUnit))) {
      const gluedNorm = normalizeName(glued.name);
      for (const [method, codes] of [
        ['exact', exact.get(glued.name)],
        ['alias', (bureau && bureauAliases.get(bureau)?.get(glued.name)) || globalAliases.get(glued.name)],
        ['normalized', (bureau && bureauNormalized.get(bureau)?.get(gluedNorm)) || normalized.get(gluedNorm)],
      ] as [MatchMethodFound, Set<string> | undefined][]) {
        if (!codes || codes.size === 0) continue;
        if (codes.size > 1) return severalNamed(codes, byCode);
        const code = first(codes);
        const indicator = byCode.get(code) as Indicator;
        if (!unitsCompatible(glued.unit, indicator.unit, indicator.unitSynonyms)) break;
        return { ...found(code, method, byCode), rowUnit: rowUnit ?? glued.unit };
      }
    }
    const scored = scoreFuzzy(norm, bureau, entries, postings, overlap);
    return decideFuzzy(norm, rowUnit, scored, byCode);
  };

  return {
    match(input) {
      // A bureau with no aliases of its own matches as any other would: its returns share answers.
      const bureau = input.bureau?.trim() || '';
      const cacheKey = [input.name, input.unit ?? '', input.code ?? '', bureauAliases.has(bureau) ? bureau : ''].join('\u0000');
      let result = cache.get(cacheKey);
      if (!result) {
        const rowUnit = rowUnitOf(input);
        const decision = lookUp(input, rowUnit);
        result = { ...decision, rowUnit: decision.rowUnit ?? rowUnit };
        cache.set(cacheKey, result);
      }
      return { ...result, candidates: result.candidates.map((c) => ({ ...c })) };
    },
  };
}

function rowUnitOf(input: MatchInput): string | null {
  return normalizeUnit(input.unit) || unitFromName(input.name).unit;
}

/** The name as the exact and alias steps compare it: trimmed, its unit in brackets split off. */
function nameKey(name: string): string {
  return unitFromName(coreName(name.trim())).name;
}

/** The longest tail of a name that reads as a unit of something counted (人, 万人, 万吨标准煤), when the rest is a name. */
function gluedUnitOf(name: string): { name: string; unit: string } | null {
  const chars = Array.from(name);
  for (let length = Math.min(6, chars.length - 2); length >= 1; length--) {
    const tail = chars.slice(-length).join('');
    const parsed = parseUnit(tail);
    if (parsed && parsed.base !== '') return { name: chars.slice(0, -length).join(''), unit: parsed.unit };
  }
  return null;
}

function scoreFuzzy(
  norm: string,
  bureau: string | null,
  entries: readonly Entry[],
  postings: ReadonlyMap<string, readonly number[]>,
  overlap: Uint16Array,
): Scored[] {
  const grams = bigramsOf(norm);
  const touched: number[] = [];
  for (const gram of grams) {
    for (const index of postings.get(gram) ?? []) {
      const entry = entries[index] as Entry;
      if (entry.bureau !== null && entry.bureau !== bureau) continue;
      if (overlap[index] === 0) touched.push(index);
      overlap[index] = (overlap[index] as number) + 1;
    }
  }
  const pool = touched
    .map((index) => {
      const entry = entries[index] as Entry;
      const dice = diceOf(overlap[index] as number, grams.size, entry.gramCount);
      overlap[index] = 0;
      return { entry, dice };
    })
    .sort((a, b) => b.dice - a.dice)
    .slice(0, RESCORE_POOL);
  // Names sharing less than half the best name's bigram overlap are only worth aligning to fill
  // the candidate list; the rest of the pool is skipped.
  const topDice = pool[0]?.dice ?? 0;
  const worthAligning = pool.filter((p, i) => i < MIN_ALIGNED || p.dice >= topDice * POOL_DICE_SHARE);

  const bestByCode = new Map<string, Scored>();
  for (const { entry, dice } of worthAligning) {
    const alignment = alignNames(norm, entry.norm);
    // The subsequence ratio forgives a dropped or mistyped character; the bigram overlap keeps
    // word order in the score.
    const score = (2 * lcsRatio(alignment.common, norm, entry.norm) + dice) / 3;
    const previous = bestByCode.get(entry.code);
    if (!previous || score > previous.score) bestByCode.set(entry.code, { code: entry.code, score, entry, alignment });
  }
  return [...bestByCode.values()].sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));
}

function decideFuzzy(
  norm: string,
  rowUnit: string | null,
  scored: readonly Scored[],
  byCode: ReadonlyMap<string, Indicator>,
): Decision {
  const vetoFor = (s: Scored): string | null => {
    const indicator = byCode.get(s.code) as Indicator;
    return vetoOf({ name: norm, unit: rowUnit }, { name: s.entry.norm, unit: indicator.unit, synonyms: indicator.unitSynonyms }, s.alignment);
  };
  const candidates = scored
    .filter((s) => s.score >= CANDIDATE_FLOOR)
    .slice(0, MAX_CANDIDATES)
    .map((s) => ({ code: s.code, name: byCode.get(s.code)?.name ?? s.code, score: round3(s.score), reason: vetoFor(s) ?? differenceOf(s) }));
  const best = scored[0];
  if (!best || best.score < AMBIGUOUS_FLOOR) {
    return { code: null, method: null, score: best ? round3(best.score) : 0, candidates, outcome: 'unmatched', reason: '未找到名称相近的指标' };
  }
  const indicator = byCode.get(best.code) as Indicator;
  const veto = vetoFor(best);
  const second = scored[1];
  let reason: string | null = null;
  if (veto) reason = `与“${indicator.name}”相近，但${veto}`;
  else if (best.score < AUTO_ACCEPT_SCORE) reason = `与“${indicator.name}”的相似度 ${round3(best.score)} 低于自动匹配线 ${AUTO_ACCEPT_SCORE}`;
  else if (second && best.score - second.score < AUTO_ACCEPT_MARGIN) {
    reason = `“${indicator.name}”与“${byCode.get(second.code)?.name ?? second.code}”同样相近，无法自动区分`;
  }
  if (reason) return { code: null, method: null, score: round3(best.score), candidates, outcome: 'ambiguous', reason };
  return { code: best.code, method: 'fuzzy', score: round3(best.score), candidates, outcome: 'matched', reason: null };
}

/** The runs where a candidate's name differs from the row's, in words. */
function differenceOf(s: Scored): string {
  const runs = s.alignment.hunks.map((h) => (h.a === '' ? `少“${h.b}”` : h.b === '' ? `多“${h.a}”` : `“${h.a}”与“${h.b}”不同`));
  return runs.length === 0 ? '名称相同' : `名称${runs.slice(0, 3).join('，')}`;
}

function found(code: string, method: MatchMethodFound, byCode: ReadonlyMap<string, Indicator>): Decision {
  const name = byCode.get(code)?.name ?? code;
  return { code, method, score: 1, candidates: [{ code, name, score: 1 }], outcome: 'matched', reason: null };
}

/** The same name stands for several indicators (one per category, say): the officer picks. */
function severalNamed(codes: ReadonlySet<string>, byCode: ReadonlyMap<string, Indicator>): Decision {
  const candidates = [...codes].slice(0, MAX_CANDIDATES).map((code) => ({ code, name: byCode.get(code)?.name ?? code, score: 1 }));
  return { code: null, method: null, score: 1, candidates, outcome: 'ambiguous', reason: '同一名称对应多个指标' };
}

function addTo(map: Map<string, Set<string>>, key: string, code: string): void {
  const set = map.get(key);
  if (set) set.add(code);
  else map.set(key, new Set([code]));
}

function mapFor<V>(outer: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let inner = outer.get(key);
  if (!inner) {
    inner = new Map();
    outer.set(key, inner);
  }
  return inner;
}

function first(codes: ReadonlySet<string>): string {
  return codes.values().next().value as string;
}

function round3(score: number): number {
  return Math.round(score * 1000) / 1000;
}
