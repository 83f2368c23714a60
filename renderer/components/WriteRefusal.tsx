/** A refused write of a workbook file, and whether the file it met may be replaced. */
export interface WriteRefusal {
  message: string;
  /** The file exists (workbook_exists): she may replace it once she says so. */
  overwrite: boolean;
}

/**
 * Why a workbook file was not written (新建, 另存为, 转入下一规划期), beside the button that
 * tried, with 覆盖原文件 when only an existing file stood in the way.
 */
export function WriteRefusalNotice({ refusal, busy, testId, className, onOverwrite }: { refusal: WriteRefusal; busy: boolean; testId: string; className?: string; onOverwrite: () => void }) {
  return (
    <div className={`notice notice--error${className ? ` ${className}` : ''}`} role="alert" data-testid={testId}>
      <p>{refusal.message}</p>
      {refusal.overwrite ? (
        <p className="notice__actions">
          <button type="button" className="button" disabled={busy} onClick={onOverwrite}>
            覆盖原文件
          </button>
        </p>
      ) : null}
    </div>
  );
}
