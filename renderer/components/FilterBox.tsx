/**
 * The text filter of a list or grid: Ctrl+F reaches it (App's data-grid-filter), its name says
 * what it filters, the placeholder what it searches.
 */
export function FilterBox({ label, placeholder, value, className, onChange }: { label: string; placeholder: string; value: string; className: string; onChange(text: string): void }) {
  return <input className={`text-input ${className}`} data-grid-filter aria-label={label} placeholder={placeholder} value={value} onChange={(event) => onChange(event.target.value)} />;
}
