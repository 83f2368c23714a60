import { useEffect, useState } from 'react';
import type { RecentWorkbook } from '../../../shared/api/contract';
import type { SchemaSummary } from '../../../shared/domain';
import { folderOf } from '../../app/format';
import { messageOf, useSession } from '../../app/session';
import { HomeNewWorkbook } from './HomeNewWorkbook';
import { HomeOpenWorkbook, useOpener } from './HomeOpenWorkbook';
import { HomeRecentWorkbooks } from './HomeRecentWorkbooks';
import { HomeWorkbookCopies } from './HomeWorkbookCopies';

/** 首页: the workbook open now, recent ones, 打开…, and 新建工作簿 from three sources. */
export function HomeScreen() {
  const { api, info, go } = useSession();
  const [schemas, setSchemas] = useState<SchemaSummary[] | null>(null);
  const [recent, setRecent] = useState<RecentWorkbook[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const opener = useOpener(() => go('import'));
  // The next plan's workbook opens on its 指标体系: its targets are still to be filled.
  const nextPlanOpener = useOpener(() => go('schema'));

  useEffect(() => {
    let current = true;
    Promise.all([api.listSchemas({}), api.recentWorkbooks({})]).then(
      ([builtins, recents]) => {
        if (!current) return;
        setSchemas(builtins);
        setRecent(recents);
      },
      (error: unknown) => current && setLoadError(messageOf(error)),
    );
    return () => {
      current = false;
    };
  }, [api]);

  const folder = folderOf(info?.path ?? recent[0]?.path ?? '');
  return (
    <section className="screen" aria-labelledby="screen-home">
      <h1 id="screen-home" className="screen__title">
        首页
      </h1>
      {info ? (
        <p className="screen__lead" data-testid="current-workbook">
          当前工作簿：<strong>{info.name}</strong>（{info.region}，{info.schemaName}，{info.baseYear}—{info.targetYear} 年）
          <button type="button" className="link-button" onClick={() => go('import')}>
            去导入报表
          </button>
        </p>
      ) : (
        <p className="empty-state">尚未打开工作簿。请从最近的工作簿中点选一个、填写路径打开，或在下方新建工作簿。</p>
      )}
      {loadError ? (
        <p className="error-text" role="alert">
          {loadError}
        </p>
      ) : null}

      {info ? (
        <>
          <h2 className="screen__subtitle">副本与下一规划期</h2>
          <HomeWorkbookCopies key={info.path} info={info} opener={nextPlanOpener} />
        </>
      ) : null}

      <h2 className="screen__subtitle">最近打开</h2>
      <HomeRecentWorkbooks recent={recent} busy={opener.busy} onOpen={(path) => void opener.open(path)} />

      <h2 className="screen__subtitle">打开工作簿</h2>
      <HomeOpenWorkbook opener={opener} />

      <h2 className="screen__subtitle">新建工作簿</h2>
      <HomeNewWorkbook schemas={schemas} folder={folder} />
    </section>
  );
}
