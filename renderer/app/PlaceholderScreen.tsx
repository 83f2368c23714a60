import type { ScreenId } from './screens';
import { labelOf } from './screens';
import { useSession } from './session';

/** What each screen says before a workbook is open: the state, and the next step. */
const EMPTY_STATES: Record<Exclude<ScreenId, 'home'>, string> = {
  schema: '尚未打开工作簿，没有可显示的指标。请先在“首页”新建或打开工作簿。',
  templates: '尚未打开工作簿。请先在“首页”新建或打开工作簿，为每个指标确定填报单位后，即可在这里下发模板。',
  import: '尚未打开工作簿。请先在“首页”新建或打开工作簿，再把各单位报来的 Excel 拖到这里。',
  review: '尚未打开工作簿，暂无核对问题。请先在“首页”新建或打开工作簿。',
  completion: '尚未打开工作簿，暂无各单位的报送情况。请先在“首页”新建或打开工作簿。',
  progress: '尚未打开工作簿，暂无可计算的进度。请先在“首页”新建或打开工作簿。',
  export: '尚未打开工作簿，没有可定稿或导出的内容。请先在“首页”新建或打开工作簿。',
  audit: '尚未打开工作簿，暂无操作记录。请先在“首页”新建或打开工作簿。',
};

/** A screen with nothing to show yet: its title and the next step. */
export function PlaceholderScreen({ screen }: { screen: Exclude<ScreenId, 'home'> }) {
  const { info, receivedFiles, go } = useSession();
  return (
    <section className="screen" aria-labelledby={`screen-${screen}`}>
      <h1 id={`screen-${screen}`} className="screen__title">
        {labelOf(screen)}
      </h1>
      <p className="empty-state">{info ? `“${labelOf(screen)}”正在准备中。` : EMPTY_STATES[screen]}</p>
      {info ? null : (
        <p className="screen__actions">
          <button type="button" className="button" onClick={() => go('home')}>
            去首页
          </button>
        </p>
      )}
      {screen === 'import' && receivedFiles.length > 0 ? (
        <p className="received-files" data-testid="received-files">
          已收到 {receivedFiles.length} 个文件：{receivedFiles.map((file) => file.name).join('、')}
        </p>
      ) : null}
    </section>
  );
}
