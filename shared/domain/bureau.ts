/** A bureau under its canonical name, with every other name the documents use for it. */
export interface Bureau {
  name: string;
  aliases: string[];
}

/**
 * 未指定: how the 填报单位 choice names "no bureau". Reserved: no bureau may be called so, or a
 * choice of it could not be told from clearing the assignment.
 */
export const UNASSIGNED_BUREAU = '未指定';

/** A bureau of the list with what refers to it: what renaming or merging it would move. */
export interface BureauUsage extends Bureau {
  /** Indicators it reports (填报单位, confirmed or proposed). */
  reporterOf: number;
  /** Indicators whose responsibilities (牵头、配合、共同负责) name it. */
  responsibleFor: number;
  /** Returns filed under it, or under its counterpart in a sub-region. */
  returns: number;
}

/** Full-width and ASCII variants and stray spaces must not make two names differ. */
export function normalizeBureauName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').trim();
}

/** Builds a lookup from every name and alias to the canonical name. */
export function bureauIndex(bureaus: readonly Bureau[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const bureau of bureaus) {
    index.set(normalizeBureauName(bureau.name), bureau.name);
    for (const alias of bureau.aliases) index.set(normalizeBureauName(alias), bureau.name);
  }
  return index;
}

/** The canonical name of a bureau, or null when the name is unknown. */
export function canonicalBureau(index: ReadonlyMap<string, string>, name: string): string | null {
  return index.get(normalizeBureauName(name)) ?? null;
}

/** What a bureau does, without its level and kind: 市卫生健康委, 罗庄区卫健局 → 卫生健康, 卫健. */
function functionKey(rest: string): string {
  return rest.replace(/(委员会|委|局|厅|办公室|办|中心)$/, '');
}

/**
 * The city's bureaus by what they do, every name and alias counted (市卫健委 and 市卫生健康委员会
 * both say 市卫生健康委): how a county's 卫生健康局 finds the city's 卫生健康委.
 */
export function bureauFunctionIndex(bureaus: readonly Bureau[], workbookRegion: string): Map<string, string> {
  const index = new Map<string, string>();
  for (const bureau of bureaus) {
    for (const written of [bureau.name, ...bureau.aliases]) {
      let rest = normalizeBureauName(written);
      rest = workbookRegion !== '' && rest.startsWith(workbookRegion) ? rest.slice(workbookRegion.length) : rest.replace(/^市/, '');
      index.set(functionKey(rest), bureau.name);
    }
  }
  return index;
}

/**
 * A sub-region's bureau under one name, whichever way its return wrote it: 临沂市罗庄区卫生健康局,
 * 罗庄区卫健局 and 区卫生健康局 are all the 罗庄区 counterpart of the city's 市卫生健康委, named by the
 * city's alias rules (罗庄区卫生健康委). A bureau the city list does not know keeps its own words.
 */
export function subregionBureau(functions: ReadonlyMap<string, string>, name: string, subregion: string, workbookRegion: string): string {
  let rest = normalizeBureauName(name);
  if (workbookRegion !== '' && rest.startsWith(workbookRegion)) rest = rest.slice(workbookRegion.length);
  if (rest.startsWith(subregion)) rest = rest.slice(subregion.length);
  // 区民政局 / 县民政局: the generic level word standing for the sub-region itself.
  else if (/^[区县]/.test(rest) && subregion.endsWith(rest[0]!)) rest = rest.slice(1);
  const city = functions.get(functionKey(rest));
  return city ? counterpartIn(city, subregion) : `${subregion}${rest}`;
}

/** A city bureau's counterpart in a sub-region: 市民政局 → 罗庄区民政局. */
export function counterpartIn(cityBureau: string, subregion: string): string {
  return `${subregion}${cityBureau.replace(/^市/, '')}`;
}

/** Why a name cannot be given to a bureau of the list; `except` is the bureau being renamed. */
export interface BureauNameProblem {
  code: 'bad_bureau' | 'bureau_exists';
  message: string;
}

/**
 * The checks every name on the list passes, wherever it is typed: not empty, not 未指定, not
 * already the name or alias of another bureau (two entries for one body is how 市经信局 and
 * 市工业和信息化局 came to be listed apart).
 */
export function bureauNameProblem(bureaus: readonly Bureau[], name: string, except: string | null = null): BureauNameProblem | null {
  const trimmed = name.trim();
  if (trimmed === '') return { code: 'bad_bureau', message: '单位名称不能为空。' };
  if (trimmed.length > 100) return { code: 'bad_bureau', message: `单位名称“${trimmed.slice(0, 20)}…”过长，请不超过 100 个字符。` };
  if (normalizeBureauName(trimmed) === UNASSIGNED_BUREAU) return { code: 'bad_bureau', message: `“${UNASSIGNED_BUREAU}”表示没有填报单位，不能用作单位名称。` };
  const owner = canonicalBureau(bureauIndex(bureaus), trimmed);
  if (owner === null || owner === except) return null;
  return {
    code: 'bureau_exists',
    message: owner === trimmed ? `单位“${trimmed}”已在单位名单中。` : `“${trimmed}”已是单位名单中“${owner}”的名称或别名。如是同一单位，请用“合并”。`,
  };
}

function uniqueNames(names: readonly string[], without: readonly string[]): string[] {
  const dropped = new Set(without.map(normalizeBureauName));
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const name of names) {
    const key = normalizeBureauName(name);
    if (dropped.has(key) || seen.has(key)) continue;
    seen.add(key);
    kept.push(name);
  }
  return kept;
}

/** The list with `from` renamed `to`; the old name stays an alias, as returns keep using it. */
export function renamedBureaus(bureaus: readonly Bureau[], from: string, to: string): Bureau[] {
  return bureaus.map((b) => (b.name === from ? { name: to, aliases: uniqueNames([...b.aliases, from], [to]) } : b));
}

/** The list with `from` merged into `into`: its name and aliases become `into`'s aliases. */
export function mergedBureaus(bureaus: readonly Bureau[], from: string, into: string): Bureau[] {
  const gone = bureaus.find((b) => b.name === from);
  return bureaus
    .filter((b) => b.name !== from)
    .map((b) => (b.name === into && gone ? { name: into, aliases: uniqueNames([...b.aliases, gone.name, ...gone.aliases], [into]) } : b));
}

/** What a rename or merge moved from `from` to `into`. */
export interface BureauMoved {
  from: string;
  into: string;
  /** Indicators whose 填报单位 or responsibilities named `from`. */
  indicators: number;
  /** Returns filed under `from` or its counterpart in a sub-region. */
  returns: number;
  /** Names `into` took on as aliases. */
  aliases: number;
  /** Decisions on findings re-filed under the findings' new identities. */
  resolutions: number;
}
