import type { Bureau, Region, Schema } from '../domain';
import { bureauIndex, canonicalBureau, selfRegion, subregionsOf } from '../domain';
import type { DetectContext } from './detect-layout';
import { buildMatcher, type AliasEntry, type Matcher } from './match';

/**
 * What reading a return needs to know of the workbook, built once per import batch: the bureau
 * index, the names detection looks for, and the matcher with its n-gram index.
 */
export interface ImportContext {
  schema: Schema;
  regions: Region[];
  /** The workbook's own aliases it was built with: a reader in another thread builds it again from these. */
  aliases: AliasEntry[];
  workbookRegion: string;
  bureaus: Map<string, string>;
  bureauNames: string[];
  matcher: Matcher;
  detect(fileName: string, defaultYear: number | null): DetectContext;
  canonicalBureau(name: string | null | undefined): string | null;
}

export function buildImportContext(schema: Schema, regions: Region[], aliases: AliasEntry[]): ImportContext {
  const own = selfRegion(regions);
  const workbookRegion = own ?? schema.region;
  // Detection takes the workbook's own region first, then its sub-regions (region-names.ts).
  const regionNames = [...(own === null ? [] : [own]), ...subregionsOf(regions)];
  const bureaus = bureauIndex(schema.bureaus);
  const bureauNames = namesOf(schema.bureaus);
  const indicatorAliases = schema.indicators.flatMap((i) => i.aliases.map((alias) => ({ alias, code: i.code, bureau: null })));
  const matcher = buildMatcher(schema.indicators, [...indicatorAliases, ...aliases]);
  const knownIndicatorNames = schema.indicators.flatMap((i) => [i.name, ...i.aliases]);
  return {
    schema,
    regions,
    aliases,
    workbookRegion,
    bureaus,
    bureauNames,
    matcher,
    detect: (fileName, defaultYear) => ({
      fileName,
      regions: regionNames,
      bureauNames,
      defaultYear,
      knownIndicatorNames,
      baseYear: schema.baseYear,
      targetYear: schema.targetYear,
    }),
    // A name not on the list is kept as written: the officer sees it and can correct it.
    canonicalBureau: (name) => (name ? (canonicalBureau(bureaus, name) ?? name.trim()) : null),
  };
}

function namesOf(bureaus: readonly Bureau[]): string[] {
  return bureaus.flatMap((b) => [b.name, ...b.aliases]);
}
