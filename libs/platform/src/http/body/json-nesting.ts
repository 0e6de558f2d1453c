/**
 * Whether a JSON text nests objects/arrays deeper than `limit`. One linear pass over the characters with a counter
 * (no recursion, no allocation), so a 64 KB body of 30,000 `[` costs microseconds and cannot exhaust the stack the
 * way a recursive walk (JSON.parse revivers, class-transformer, canonicalisation) would. Brackets inside strings
 * do not count; the text need not be valid JSON (JSON.parse judges that afterwards).
 */
export function jsonNestingExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character (it may be a quote)
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}
