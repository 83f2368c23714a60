import type { ComponentType } from 'react';
import type { ScreenId } from '../app/screens';
import { AuditScreen } from './AuditScreen';
import { CompletionScreen } from './CompletionScreen';
import { ExportScreen } from './ExportScreen';
import { HomeScreen } from './HomeScreen';
import { ImportScreen } from './ImportScreen';
import { ProgressScreen } from './ProgressScreen';
import { ReviewScreen } from './ReviewScreen';
import { SchemaScreen } from './SchemaScreen';
import { TemplatesScreen } from './TemplatesScreen';

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
