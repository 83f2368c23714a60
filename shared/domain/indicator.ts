/** The comparator a target carries: `≥1000` is `>=`, a bare figure is null. */
export type TargetOp = '>=' | '<=' | '=';

/** 约束性 / 预期性, or empty where the document does not say. */
export type Attribute = '约束性' | '预期性' | '';

/** Whether a higher or a lower value is the better one (e.g. 婴儿死亡率 is lower-is-better). */
export type Direction = 'higher' | 'lower';

/**
 * 口径: a stock read at year end (床位数), a count cumulated over the plan period
 * (累计改造户数), or a flow within the year (当年新增). Roll-up and progress depend on it.
 */
export type Scope = 'stock' | 'cumulative' | 'annual';

/**
 * How a city's value follows from its sub-regions': summed (counts), recomputed from the
 * indicator's components (ratios such as 每千人口托位数), or not aggregable (a rate without
 * components is never averaged).
 */
export type Aggregation = 'sum' | 'recompute' | 'none';

/** 按职责分工负责 and friends: what the document says about who is responsible. */
export interface Responsibility {
  leadBureaus: string[];
  coBureaus: string[];
  jointBureaus: string[];
  /** 各县区人民政府, 管委会 … named as responsible but not bureaus of the workbook. */
  localGovernments: string[];
  /** The clause as the document prints it. */
  text: string;
  /** Where it stands, e.g. "临发改社会〔2022〕316号 四(一)1". */
  citation: string;
}

export interface Indicator {
  /** Stable forever once shipped: templates and aliases refer to it. */
  code: string;
  name: string;
  area: string;
  category: string;
  unit: string;
  unitSynonyms: string[];
  /** Decimals as published: 77.90 stays 77.90. */
  decimals: number;
  baselineYear: number;
  baselineValue: number | null;
  targetYear: number;
  targetValue: number | null;
  targetOp: TargetOp | null;
  /** A qualitative target kept as text (持续提高, 全覆盖); never turned into a number. */
  targetText: string | null;
  attribute: Attribute;
  direction: Direction;
  scope: Scope;
  aggregation: Aggregation;
  /** For aggregation 'recompute': e.g. `托位总数 / 常住人口 * 1000` over indicator codes. */
  formula: string | null;
  /** 辅助指标: not published, feeds rules, ratios and roll-up. */
  auxiliary: boolean;
  /** Rates may exceed 100 only where this says so. */
  allowAbove100: boolean;
  /** Year-on-year change beyond this factor is suspicious; null → the default (3). */
  changeFactor: number | null;
  aliases: string[];
  responsibility: Responsibility;
  /** 填报单位: the canonical bureau assigned to report it, or null. */
  reporter: string | null;
  /** True while `reporter` is the app's proposal, not yet confirmed by the officer. */
  reporterProposed: boolean;
  /** Notes, with the sentence each figure came from. */
  notes: string;
}

export function emptyResponsibility(): Responsibility {
  return { leadBureaus: [], coBureaus: [], jointBureaus: [], localGovernments: [], text: '', citation: '' };
}

/** One indicator's 填报单位 before and after an assignment. */
export interface ReporterChange {
  code: string;
  name: string;
  before: string | null;
  after: string | null;
}
