import type { ComponentType } from 'react';
import type { ScreenId } from '../app/screens';
import { AuditScreen } from './audit/AuditScreen';
import { CompletionScreen } from './completion/CompletionScreen';
import { ExportScreen } from './export/ExportScreen';
import { HomeScreen } from './home/HomeScreen';
import { ImportScreen } from './import/ImportScreen';
import { ProgressScreen } from './progress/ProgressScreen';
import { ReviewScreen } from './review/ReviewScreen';
import { SchemaScreen } from './schema/SchemaScreen';
import { TemplatesScreen } from './templates/TemplatesScreen';

/** Every navigation entry's screen; each reads what it needs through useSession(). */
export const SCREEN_COMPONENTS: Record<ScreenId, ComponentType> = {
  home: HomeScreen,
  schema: SchemaScreen,
  templates: TemplatesScreen,
  import: ImportScreen,
  review: ReviewScreen,
  completion: CompletionScreen,
  progress: ProgressScreen,
  export: ExportScreen,
  audit: AuditScreen,
};

/** Screens that speak of the open workbook; before one is open they show the next step instead. */
export function needsWorkbook(screen: ScreenId): screen is Exclude<ScreenId, 'home'> {
  return screen !== 'home';
}
