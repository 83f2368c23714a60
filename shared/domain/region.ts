/** The workbook's own region ('self'), its 县区 ('county') and its 功能区 ('zone'). */
export type RegionKind = 'self' | 'county' | 'zone';

export interface Region {
  name: string;
  parent: string | null;
  kind: RegionKind;
}

/** The workbook's own region (临沂市), or null when the list has none. */
export function selfRegion(regions: readonly Region[]): string | null {
  return regions.find((r) => r.kind === 'self')?.name ?? null;
}

/** Its sub-regions (县区, 功能区), in the order tables list them. */
export function subregionsOf(regions: readonly Region[]): string[] {
  return regions.filter((r) => r.kind !== 'self').map((r) => r.name);
}
