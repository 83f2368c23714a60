/** A year's 定稿 state: signed off by whom and when, or still a draft (初稿). */
export interface YearState {
  year: number;
  signedOff: boolean;
  /** ISO 8601 UTC; null while the year is not signed off. */
  signedAt: string | null;
  /** The 操作人 who signed it off; null while the year is not signed off. */
  signedBy: string | null;
  /**
   * The reason given at 定稿 and the error findings then open, as the audit keeps them; only in
   * the answer to yearState, while the year is signed off and a reason was given.
   */
  signOff?: { note: string; openErrors: number };
}
