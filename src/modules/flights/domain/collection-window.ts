/** OpenSky's limit on one airport query since July 2025 (it was 7 days before). */
export const MAX_WINDOW_SECONDS = 2 * 24 * 3600;

export interface Window {
  /** Unix seconds, inclusive. */
  begin: number;
  /** Unix seconds, exclusive. */
  end: number;
}

/** [begin, end) cut into consecutive chunks of at most `maxSeconds`, oldest first. */
export function chunkWindow(begin: number, end: number, maxSeconds = MAX_WINDOW_SECONDS): Window[] {
  const chunks: Window[] = [];
  for (let start = begin; start < end; start += maxSeconds) chunks.push({ begin: start, end: Math.min(end, start + maxSeconds) });
  return chunks;
}

/** Where the next collection of an airport starts: its last_update, or `lookbackSeconds` before now on the first run. */
export function collectionStart(lastUpdate: number | null, now: number, lookbackSeconds: number): number {
  return lastUpdate === null ? now - lookbackSeconds : Math.min(lastUpdate, now);
}
