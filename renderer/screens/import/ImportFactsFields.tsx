/**
 * 填报单位 / 地区 / 年度 as the officer corrects them: in the import preview and when correcting
 * an imported return. `attrs` carries each field's test id or accessible name.
 */
type FieldAttrs = Record<string, string>;

export function ImportFactsFields(props: {
  listId: string;
  bureaus: string[];
  regions: string[];
  bureau: string;
  region: string;
  year: string;
  onBureau(value: string): void;
  onRegion(value: string): void;
  onYear(value: string): void;
  yearClassName: string;
  attrs: { bureau: FieldAttrs; region: FieldAttrs; year: FieldAttrs };
}) {
  return (
    <>
      <label>
        填报单位
        <input list={props.listId} value={props.bureau} onChange={(e) => props.onBureau(e.target.value)} {...props.attrs.bureau} />
      </label>
      <datalist id={props.listId}>
        {props.bureaus.map((b) => (
          <option key={b} value={b} />
        ))}
      </datalist>
      <label>
        地区
        <select value={props.region} onChange={(e) => props.onRegion(e.target.value)} {...props.attrs.region}>
          {props.region === '' ? (
            <option value="" disabled>
              请选择
            </option>
          ) : null}
          {[...new Set([...props.regions, props.region].filter(Boolean))].map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <label>
        年度
        <input className={props.yearClassName} inputMode="numeric" value={props.year} onChange={(e) => props.onYear(e.target.value)} {...props.attrs.year} />
      </label>
    </>
  );
}
