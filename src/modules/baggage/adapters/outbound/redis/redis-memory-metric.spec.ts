import { usedMemoryBytes } from './redis-memory-metric';

describe('usedMemoryBytes', () => {
  it("reads used_memory from INFO memory's CRLF lines, not used_memory_rss or _peak", () => {
    expect(usedMemoryBytes('# Memory\r\nused_memory_rss:999\r\nused_memory:1048576\r\nused_memory_peak:2\r\n')).toBe(1_048_576);
    expect(usedMemoryBytes('# Memory\r\nused_memory_human:1M\r\n')).toBeUndefined();
  });
});
