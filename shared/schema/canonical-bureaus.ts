import { bureauIndex, canonicalBureau } from '../domain/bureau';
import type { Schema } from '../domain/schema';

/**
 * Responsibilities and 填报单位 under their canonical names (县卫健局 → 县卫生健康局), so that
 * one body is never two. Names not on the list stay as written, for the officer to see.
 */
export function canonicalizeBureauNames(schema: Schema): Schema {
  const index = bureauIndex(schema.bureaus);
  const canonical = (name: string) => canonicalBureau(index, name) ?? name;
  const unique = (names: string[]) => [...new Set(names.map(canonical))];
  return {
    ...schema,
    indicators: schema.indicators.map((indicator) => ({
      ...indicator,
      reporter: indicator.reporter === null ? null : canonical(indicator.reporter),
      responsibility: {
        ...indicator.responsibility,
        leadBureaus: unique(indicator.responsibility.leadBureaus),
        coBureaus: unique(indicator.responsibility.coBureaus),
        jointBureaus: unique(indicator.responsibility.jointBureaus),
      },
    })),
  };
}
