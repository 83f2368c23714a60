import { selectableYears, yearStateText } from './format';
import { useSession } from './session';

/** Workbook, region, year and state: what every screen speaks of (UI.md "The frame"). */
export function TitleBar() {
  const { info, year, setYear, region, setRegion } = useSession();
  if (!info) {
    return (
      <header className="title-bar">
        <span className="title-bar__name">未打开工作簿</span>
        <span className="title-bar__field">
          <span className="title-bar__label">地区</span>—
        </span>
        <span className="title-bar__field">
          <span className="title-bar__label">年度</span>—
        </span>
        <span className="title-bar__field">
          <span className="title-bar__label">状态</span>—
        </span>
      </header>
    );
  }
  const regions = [info.region, ...info.subregions.filter((name) => name !== info.region)];
  const state = yearStateText(info, year);
  return (
    <header className="title-bar">
      <span className="title-bar__name" title={info.path} data-verbatim>
        {info.name}
      </span>
      <label className="title-bar__field">
        <span className="title-bar__label">地区</span>
        <select className="title-bar__select" value={region} onChange={(event) => setRegion(event.target.value)} data-testid="region-select">
          {regions.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label className="title-bar__field">
        <span className="title-bar__label">年度</span>
        <select className="title-bar__select" value={year} onChange={(event) => setYear(Number(event.target.value))} data-testid="year-select">
          {selectableYears(info, year).map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      </label>
      <span className="title-bar__field" data-testid="year-state">
        <span className="title-bar__label">状态</span>
        <span className={state === '已定稿' ? 'state-tag state-tag--final' : 'state-tag'}>{state}</span>
      </span>
      {info.readOnly ? <span className="state-tag state-tag--readonly">只读</span> : null}
    </header>
  );
}
