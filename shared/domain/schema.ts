import type { Bureau } from './bureau';
import type { Indicator } from './indicator';

export type RuleOp = '<=' | '>=' | '=' | '<' | '>';

/**
 * A cross-indicator rule (DHIS2's validation rules are the model): `left op right`, each side
 * an expression over indicator codes (`A01 / A02 * 1000`), with a tolerance. A tolerance of null
 * means half a unit in the last published decimal of the left side.
 */
export interface Rule {
  id: string;
  name: string;
  left: string;
  op: RuleOp;
  right: string;
  tolerance: number | null;
  note: string;
}

export interface Schema {
  id: string;
  name: string;
  region: string;
  baseYear: number;
  targetYear: number;
  /** The document the schema comes from, e.g. 临发改社会〔2022〕316号. */
  source: string;
  indicators: Indicator[];
  rules: Rule[];
  bureaus: Bureau[];
}

export interface SchemaSummary {
  id: string;
  name: string;
  region: string;
  baseYear: number;
  targetYear: number;
  indicatorCount: number;
}

export function summarizeSchema(schema: Schema): SchemaSummary {
  const { id, name, region, baseYear, targetYear } = schema;
  // Auxiliary indicators feed checks and are not published: they are not counted.
  return { id, name, region, baseYear, targetYear, indicatorCount: schema.indicators.filter((i) => !i.auxiliary).length };
}
