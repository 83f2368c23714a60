export { formatNumber } from '../format/figures';
/** Numbers in finding messages read as the officer would write them: no float noise. */

export function bureauLabel(bureau: string | null): string {
  return bureau ?? '未识别单位';
}
