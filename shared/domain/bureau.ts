/** A bureau under its canonical name, with every other name the documents use for it. */
export interface Bureau {
  name: string;
  aliases: string[];
}

/** Full-width and ASCII variants and stray spaces must not make two names differ. */
export function normalizeBureauName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').trim();
}

/** Builds a lookup from every name and alias to the canonical name. */
export function bureauIndex(bureaus: readonly Bureau[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const bureau of bureaus) {
    index.set(normalizeBureauName(bureau.name), bureau.name);
    for (const alias of bureau.aliases) index.set(normalizeBureauName(alias), bureau.name);
  }
  return index;
}

/** The canonical name of a bureau, or null when the name is unknown. */
export function canonicalBureau(index: ReadonlyMap<string, string>, name: string): string | null {
  return index.get(normalizeBureauName(name)) ?? null;
}
