import type { FileBytes } from '../../shared/api/contract';
import type { ScreenId } from '../app/screens';
import { SCREENS } from '../app/screens';

/** What each screen says before a workbook is open: the state, and the next step. */
const EMPTY_STATES: Record<Exclude<ScreenId, 'home'>, string> = {
  schema: '尚未打开工作簿，没有可显示的指标。请先在“首页”新建或打开工作簿。',
  templates: '尚未打开工作簿。打开工作簿并为每个指标确定填报单位后，即可在这里下发模板。',
  import: '尚未导入报表。打开工作簿后，把各单位报来的 Excel 拖到这里。',
  review: '尚未导入报表，暂无核对问题。',
  completion: '尚未导入报表，暂无各单位的报送情况。',
  progress: '尚未导入报表，暂无可计算的进度。',
  export: '尚未打开工作簿，没有可定稿或导出的内容。',
  audit: '尚未打开工作簿，暂无操作记录。',
};

export function PlaceholderScreen({ screen, receivedFiles }: { screen: Exclude<ScreenId, 'home'>; receivedFiles: FileBytes[] }) {
  const label = SCREENS.find((entry) => entry.id === screen)?.label ?? '';
  return (
    <section className="screen" aria-labelledby={`screen-${screen}`}>
      <h1 id={`screen-${screen}`} className="screen__title">
        {label}
      </h1>
      <p className="empty-state">{EMPTY_STATES[screen]}</p>
      {screen === 'import' && receivedFiles.length > 0 ? (
        <p className="received-files" data-testid="received-files">
          已收到 {receivedFiles.length} 个文件：{receivedFiles.map((file) => file.name).join('、')}
        </p>
      ) : null}
    </section>
  );
}
