/**
 * Splits messages, in order, into chunks of at most `maxBytes` (key + value, uncompressed) and `maxCount`; a message
 * larger than `maxBytes` gets a chunk of its own. Bounding by bytes, not count, keeps a produce request under the
 * broker's `message.max.bytes` (1 MB by default) whatever the item sizes (seed 003's work items are ~32 KB).
 */
export function chunkByBytes<T extends { key?: string | null; value: string }>(messages: readonly T[], maxBytes: number, maxCount = 10_000): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const m of messages) {
    const size = Buffer.byteLength(m.value) + (m.key ? Buffer.byteLength(m.key) : 0);
    if (current.length > 0 && (bytes + size > maxBytes || current.length >= maxCount)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(m);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
