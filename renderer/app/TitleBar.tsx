export interface WorkbookHeading {
  name: string;
  region: string;
  year: number;
  state: string;
}

/** Workbook, region, year and state: what every screen speaks of (UI.md "The frame"). */
export function TitleBar({ workbook }: { workbook: WorkbookHeading | null }) {
  return (
    <header className="title-bar">
      <span className="title-bar__name">{workbook ? workbook.name : '未打开工作簿'}</span>
      <span className="title-bar__field">
        <span className="title-bar__label">地区</span>
        {workbook?.region ?? '—'}
      </span>
      <span className="title-bar__field">
        <span className="title-bar__label">年度</span>
        {workbook ? `${workbook.year}` : '—'}
      </span>
      <span className="title-bar__field">
        <span className="title-bar__label">状态</span>
        {workbook?.state ?? '—'}
      </span>
    </header>
  );
}
