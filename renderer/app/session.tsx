import type { ReactNode } from 'react';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { FileBytes, TaiZhangApi, WorkbookInfo } from '../../shared/api/contract';
import { isUserError } from '../../shared/api/errors';
import { defaultYear, formatClock } from './format';
import type { ScreenId } from './screens';

/**
 * What every screen shares: the API, the open workbook (null before one is open), the global
 * year selector, and the status line. Screens read it with useSession().
 */
export interface Session {
  api: TaiZhangApi;
  info: WorkbookInfo | null;
  /** The year the title bar's selector shows; every screen speaks of it. */
  year: number;
  setYear(year: number): void;
  /** The region the title bar's selector shows: the workbook's own region or one of its sub-regions. */
  region: string;
  setRegion(region: string): void;
  /** Re-reads workbookInfo (counts, state) after a change; screens call it after each write. */
  refresh(): Promise<void>;
  /** Shows a line in the status bar ("已保存 10:42", an error in one sentence). */
  setStatus(message: string, tone?: 'ok' | 'error'): void;
  /**
   * Runs a call, shows 已保存 with the time on success (and refreshes workbookInfo) and the
   * UserError's message on failure; answers undefined when it failed.
   */
  run<T>(work: () => Promise<T>): Promise<T | undefined>;
  go(screen: ScreenId): void;
  /** Files dropped on the window or chosen from the menu, waiting for the import screen. */
  receivedFiles: FileBytes[];
  takeReceivedFiles(): FileBytes[];
}

export interface StatusLine {
  message: string;
  tone: 'ok' | 'error';
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside the SessionContext provider');
  return session;
}

/** A refusal in the officer's words; anything else is a bug, said as such. */
export function messageOf(error: unknown): string {
  if (isUserError(error)) return error.message;
  return '内部错误：操作未能完成。请重试；如仍出错，请把屏幕上的情况告诉系统管理员。';
}

/** Years holding counted returns: the default year is the latest of them. */
async function yearsWithReturns(api: TaiZhangApi): Promise<number[]> {
  const returns = await api.listReturns({});
  return returns.filter((entry) => entry.state === 'counted' && entry.year !== null).map((entry) => entry.year!);
}

export interface SessionState {
  session: Session;
  status: StatusLine | null;
  /** True until the first workbookInfo answer arrives. */
  loading: boolean;
  /** Files for the import screen (dropped on the window, or from the menu). */
  receiveFiles(files: FileBytes[]): void;
}

/**
 * Holds the session for the frame: loads workbookInfo at start and after each refresh, picks
 * the default year when a workbook is opened, and keeps the status line.
 */
export function useSessionState(api: TaiZhangApi, screen: ScreenId, setScreen: (screen: ScreenId) => void): SessionState {
  const [info, setInfo] = useState<WorkbookInfo | null>(null);
  const [loading, setLoading] = useState(true);
  const [year, setYear] = useState(() => new Date().getFullYear() - 1);
  const [region, setRegion] = useState('');
  const [status, setStatusLine] = useState<StatusLine | null>(null);
  const [receivedFiles, setReceivedFiles] = useState<FileBytes[]>([]);
  const openedPath = useRef<string | null>(null);

  const setStatus = useCallback((message: string, tone: 'ok' | 'error' = 'ok') => setStatusLine({ message, tone }), []);

  const refresh = useCallback(async () => {
    let next: WorkbookInfo | null;
    try {
      next = await api.workbookInfo({});
    } catch (error) {
      setStatus(messageOf(error), 'error');
      setLoading(false);
      return;
    }
    // A newly opened workbook starts on its likely year and on its own region.
    if (next && next.path !== openedPath.current) {
      const years = await yearsWithReturns(api).catch(() => []);
      setYear(defaultYear(next, years, new Date()));
      setRegion(next.region);
    }
    openedPath.current = next?.path ?? null;
    setInfo(next);
    setLoading(false);
  }, [api, setStatus]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // The summary counts the open findings only of years already reckoned (it reconciles nothing,
  // being read after every write): the year in the title bar is reckoned, then counted.
  useEffect(() => {
    if (!info || !info.years.includes(year) || info.openFindings.some((entry) => entry.year === year)) return;
    void api.listFindings({ year }).then(refresh, (error: unknown) => setStatus(messageOf(error), 'error'));
  }, [api, info, year, refresh, setStatus]);

  const run = useCallback(
    async <T,>(work: () => Promise<T>): Promise<T | undefined> => {
      try {
        const result = await work();
        setStatus(`已保存 ${formatClock(new Date())}`);
        await refresh();
        return result;
      } catch (error) {
        setStatus(messageOf(error), 'error');
        return undefined;
      }
    },
    [refresh, setStatus],
  );

  const takeReceivedFiles = useCallback(() => {
    const files = receivedFiles;
    setReceivedFiles([]);
    return files;
  }, [receivedFiles]);

  const session = useMemo<Session>(
    () => ({
      api,
      info,
      year,
      setYear,
      region: region || info?.region || '',
      setRegion,
      refresh,
      setStatus,
      run,
      go: setScreen,
      receivedFiles,
      takeReceivedFiles,
    }),
    [api, info, year, region, refresh, setStatus, run, setScreen, receivedFiles, takeReceivedFiles],
  );
  // The screen id is part of the frame's state, not the session's; it is read here so that a
  // status line from one screen does not linger after the officer moves on.
  const lastScreen = useRef(screen);
  useEffect(() => {
    if (lastScreen.current !== screen && status?.tone === 'error') setStatusLine(null);
    lastScreen.current = screen;
  }, [screen, status]);

  return { session, status, loading, receiveFiles: setReceivedFiles };
}

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
