import { useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { FileBytes } from '../../../shared/api/contract';
import { readChosenFiles } from '../../download';

/**
 * The large drop zone of 导入报表: files dropped on it, or chosen in the file dialog it opens
 * on a click, Enter or Space. Drops here stop at the zone (the window's own drop handler would
 * otherwise take them a second time).
 */
export function ImportDropZone({ disabled, onFiles }: { disabled: boolean; onFiles: (files: FileBytes[]) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  const take = async (list: FileList | null) => {
    const files = await readChosenFiles(list);
    if (files.length > 0) onFiles(files);
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    event.stopPropagation();
    setOver(false);
    if (!disabled) void take(event.dataTransfer.files);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      input.current?.click();
    }
  };

  return (
    <div
      className={`import-drop${over ? ' import-drop--over' : ''}${disabled ? ' import-drop--busy' : ''}`}
      role="button"
      tabIndex={0}
      aria-label="选择要导入的报表文件"
      aria-disabled={disabled}
      data-testid="import-drop"
      onClick={() => !disabled && input.current?.click()}
      onKeyDown={onKeyDown}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <strong>把各单位报来的 Excel 拖到这里，或点击选择文件</strong>
      <span>可一次选择多个文件，支持 Excel、WPS 另存的 xlsx、xls 文件和 CSV 文件</span>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="import-file-input"
        accept=".xlsx,.xlsm,.xls,.ods,.csv,.txt"
        onChange={(event) => {
          void take(event.target.files);
          event.target.value = '';
        }}
      />
    </div>
  );
}
