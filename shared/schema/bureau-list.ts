import { normalizeBureauName, type Bureau } from '../domain/bureau';

/** Administrative level of a bureau list: provincial, city or county bureaus. */
export type BureauLevel = '省' | '市' | '县';

export const BUREAU_LEVELS: readonly BureauLevel[] = ['省', '市', '县'];

/** One bureau as resources/bureaus.json holds it; `regions` limits it to named regions. */
export interface BureauEntry extends Bureau {
  regions?: string[];
}

export interface BureauRegion {
  name: string;
  level: BureauLevel;
  source: string;
}

/** The shape of resources/bureaus.json. */
export interface BureauList {
  description?: string;
  regions: BureauRegion[];
  levels: Record<BureauLevel, BureauEntry[]>;
}

/**
 * The bureaus of one region, each with its region-prefixed names added as aliases:
 * documents print both 市卫生健康委 and 临沂市卫生健康委员会 for the same body.
 */
export function bureausForRegion(list: BureauList, region: string, level?: BureauLevel): Bureau[] {
  const regionLevel = level ?? list.regions.find((r) => r.name === region)?.level;
  if (!regionLevel) return [];
  return list.levels[regionLevel]
    .filter((entry) => !entry.regions?.length || entry.regions.includes(region))
    .map((entry) => ({
      name: entry.name,
      aliases: unique([...entry.aliases, ...prefixedNames(entry, regionLevel, region)]),
    }));
}

/** Every bureau of a level, whatever its region, without region prefixes. */
export function bureausForLevel(list: BureauList, level: BureauLevel): Bureau[] {
  return list.levels[level].map((entry) => ({ name: entry.name, aliases: [...entry.aliases] }));
}

/**
 * Names that collide: the same normalised name standing for two different bureaus. A list
 * with collisions would canonicalise a name at random, so tests require this to be empty.
 */
export function findAliasCollisions(bureaus: readonly Bureau[]): string[] {
  const owner = new Map<string, string>();
  const collisions: string[] = [];
  for (const bureau of bureaus) {
    for (const name of [bureau.name, ...bureau.aliases]) {
      const key = normalizeBureauName(name);
      const previous = owner.get(key);
      if (previous !== undefined && previous !== bureau.name) collisions.push(name);
      else owner.set(key, bureau.name);
    }
  }
  return collisions;
}

/** 市民政局 → 临沂市民政局: a name that opens with its level word takes the region's name. */
function prefixedNames(entry: BureauEntry, level: BureauLevel, region: string): string[] {
  if (!region.endsWith(level)) return [];
  return [entry.name, ...entry.aliases]
    .filter((name) => name.startsWith(level))
    .map((name) => region + name.slice(level.length));
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}
