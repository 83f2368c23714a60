const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/** The index of the quote closing the string whose text starts at `from`, or the end. */
function endOfString(body: Uint8Array, from: number): number {
  let at = from;
  for (;;) {
    const quote = body.indexOf(QUOTE, at);
    if (quote === -1) return body.length;
    let backslashes = 0;
    for (let i = quote - 1; i >= from && body[i] === BACKSLASH; i -= 1) backslashes += 1;
    if (backslashes % 2 === 0) return quote;
    at = quote + 1;
  }
}

/**
 * Whether JSON text nests objects and arrays deeper than `maxDepth`, found by one scan of the
 * raw bytes before anything parses it: decoding and validating walk the value recursively, and
 * 5 000 levels would exhaust the stack (a bug report) where a clear refusal belongs. Strings are
 * skipped with a native search, so a 100 MB base64 file costs milliseconds. Malformed JSON may
 * pass here; JSON.parse refuses it next.
 */
export function exceedsJsonDepth(body: Uint8Array, maxDepth: number): boolean {
  let depth = 0;
  for (let i = 0; i < body.length; i += 1) {
    const byte = body[i];
    if (byte === QUOTE) i = endOfString(body, i + 1);
    else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) depth -= 1;
  }
  return false;
}
