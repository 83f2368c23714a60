/** What the last change on 指标体系 did; `undo` when 撤销 can put it back (a bulk action just made). */
export interface SchemaOutcome {
  text: string;
  tone: 'ok' | 'error';
  undo?: boolean;
}

/** The outcome line, with 撤销 after a bulk action. */
export function SchemaOutcomeLine({ outcome, busy, onUndo, testId }: { outcome: SchemaOutcome; busy: boolean; onUndo(): void; testId: string }) {
  const error = outcome.tone === 'error';
  return (
    <p className={error ? 'inline-note inline-note--error schema-outcome' : 'inline-note schema-outcome'} role={error ? 'alert' : 'status'} data-testid={testId}>
      <span>{outcome.text}</span>
      {outcome.undo ? (
        <button type="button" className="button schema-outcome__undo" disabled={busy} onClick={onUndo}>
          撤销
        </button>
      ) : null}
    </p>
  );
}
