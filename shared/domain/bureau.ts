/** A bureau under its canonical name, with every other name the documents use for it. */
export interface Bureau {
  name: string;
  aliases: string[];
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
