/**
 * Where a bug met inside a batch goes. A batch does not end at one file's internal error: that
 * file is reported refused (内部错误) and the others import, so the error never reaches the
 * transport that logs bugs (cli/exit.ts, shell/main.ts, http/server.ts). Each transport points
 * this at its own log; the answer says where the stack went, for the officer's message.
 */
export type FaultSink = (error: unknown, context: string) => { logFile?: string } | void;

const toConsole: FaultSink = (error, context) => {
  console.error(`${context}\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
};

let sink: FaultSink = toConsole;

/** Sets where faults are logged; with no argument, back to the console. */
export function setFaultSink(next?: FaultSink): void {
  sink = next ?? toConsole;
}

/** Logs a fault; returns the log file it went to, if the sink names one. */
export function recordFault(error: unknown, context: string): string | undefined {
  try {
    return sink(error, context)?.logFile;
  } catch {
    // A log that cannot be written must not turn one file's fault into the batch's.
    return undefined;
  }
}
