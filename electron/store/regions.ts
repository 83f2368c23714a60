import type { Region, RegionKind } from '../../shared/domain';
import type { ReadDb, WriteDb } from './db';
import { preparedOnce } from './db';

// 功能区 are named for what they are (临沂高新技术产业开发区, 临港经济开发区, …管委会), not as 县/区/市.
const ZONE_WORDS = ['开发区', '高新区', '功能区', '产业园', '园区', '新区', '管委会', '示范区', '试验区'];

/** Whether a sub-region is a 县区 or a 功能区, from its name. */
export function classifyRegion(name: string): Exclude<RegionKind, 'self'> {
  return ZONE_WORDS.some((word) => name.includes(word)) ? 'zone' : 'county';
}

const statements = preparedOnce((db) => ({
  clear: db.prepare('DELETE FROM regions'),
  insert: db.prepare('INSERT INTO regions (name, parent, kind, position) VALUES (@name, @parent, @kind, @position)'),
  list: db.prepare('SELECT name, parent, kind FROM regions ORDER BY position, name'),
}));

/** Replaces the region list: the workbook's region first, then its sub-regions in the order given. */
export function writeRegions(db: WriteDb, region: string, subregions: readonly string[]): void {
  const s = statements(db);
  s.clear.run();
  s.insert.run({ name: region, parent: null, kind: 'self', position: 0 });
  subregions.forEach((name, index) => {
    s.insert.run({ name, parent: region, kind: classifyRegion(name), position: index + 1 });
  });
}

export function listRegions(db: ReadDb): Region[] {
  return statements(db).list.all() as Region[];
}
