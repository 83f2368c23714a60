/** A workbook file's extension. Its own module so that the CLI can check names without loading the store. */
export const WORKBOOK_EXTENSION = '.tzdb';
