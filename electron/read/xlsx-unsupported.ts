/** The reader's one way out: a package it does not vouch for, which the caller reads with exceljs. */

/** Thrown inside the reader whenever the package is not one it vouches for; becomes null. */
class Unsupported extends Error {}

export function unsupported(why: string): never {
  throw new Unsupported(why);
}
