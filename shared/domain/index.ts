export * from './bureau';
export * from './finding';
export * from './indicator';
export * from './schema';
export * from './values';
export * from './resolution';
export * from './return';
