import { setReadIsolation, startReadWorker } from '../read/read-isolated';

/**
 * Starts `taizhang import`'s reading process under the limits the environment sets:
 * TAIZHANG_READ_SECONDS (8 by default) and TAIZHANG_READ_MEMORY_MB (512), lowered or raised
 * for a machine. The bin calls it before the rest of the command line loads, so that the reader
 * starts beside it rather than after it (bin/taizhang.mjs); the import command calls it again,
 * which finds the reader already starting. A second entry of the CLI's bundle (build-cli.mjs).
 */
export function startReaderFrom(env: Record<string, string | undefined>): void {
  const positive = (value: string | undefined) => {
    const n = Number(value);
    return value !== undefined && value !== '' && Number.isFinite(n) && n > 0 ? n : undefined;
  };
  const seconds = positive(env.TAIZHANG_READ_SECONDS);
  const memoryMb = positive(env.TAIZHANG_READ_MEMORY_MB);
  setReadIsolation({
    ...(seconds === undefined ? {} : { timeMs: seconds * 1000 }),
    ...(memoryMb === undefined ? {} : { memoryMb: Math.round(memoryMb) }),
  });
  startReadWorker();
}
