/** A year's 定稿 state: signed off by whom and when, or still a draft (初稿). */
export interface YearState {
  year: number;
  signedOff: boolean;
  /** ISO 8601 UTC; null while the year is not signed off. */
  signedAt: string | null;
  /** The 操作人 who signed it off; null while the year is not signed off. */
  signedBy: string | null;
}
