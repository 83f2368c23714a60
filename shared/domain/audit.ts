/** One line of the append-only audit log; `at` is ISO 8601 UTC, before/after plain data. */
export interface AuditRecord {
  id: number;
  at: string;
  osUser: string;
  operator: string;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
  note: string;
}
