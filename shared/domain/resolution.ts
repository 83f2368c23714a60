/** The officer's decisions on findings (处理), as asked for and as stored. */

/** The decision on a finding, as the 核对 screen and `taizhang resolve` make it. */
export type ResolutionRequest =
  | { action: 'choose'; value: number; note?: string }
  | { action: 'map'; code: string; note?: string }
  | { action: 'confirm'; note?: string }
  | { action: 'override'; value: number; note: string }
  | { action: 'reopen'; note?: string };

export const RESOLUTION_ACTIONS = ['choose', 'confirm', 'override', 'map'] as const;
export type ResolutionAction = (typeof RESOLUTION_ACTIONS)[number];

/** What the officer decided about one finding; `basis` ties it to the data it was made on. */
export interface ResolutionRecord {
  findingId: string;
  action: ResolutionAction;
  value: number | null;
  code: string | null;
  note: string;
  basis: string;
  operator: string;
  at: string;
}
