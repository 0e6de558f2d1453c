// Benchmark (docs/benchmarks.md "baggage", issue 15): what compression does to the arriving-flight work items at
// seed 003's real shape (~600 bags, ~32 KB per item). One hour of data goes through the memory store to get the
// items exactly as the producer builds them, which are cut into the publisher's produce requests (one partition of
// three, ≤ 512 KiB uncompressed) and compressed with each codec the publisher offers. Prints JSON: bytes per codec,
// ratio, and CPU time per uncompressed MB. No servers needed.
// Run: node -r ts-node/register/transpile-only -r tsconfig-paths/register test/load/baggage/compression.ts
import { gzipSync } from 'node:zlib';
import { Partitioners } from 'kafkajs';
import { compressFrame } from 'lz4-napi';
import { seededRandom } from '@libs/kernel';
import { generateHour } from '../../../src/modules/baggage/domain/test-data';
import { workItemJson } from '../../../src/modules/baggage/domain/messages';
import { MemoryBaggageStore } from '../../../src/modules/baggage/adapters/outbound/memory/memory-baggage-store';
import { chunkByBytes } from '../../../src/modules/baggage/adapters/outbound/kafka/chunk-by-bytes';

const MAX_REQUEST_BYTES = 524_288; // BAGGAGE_WORK_MAX_REQUEST_BYTES's default
const PARTITIONS = 3;

async function main(): Promise<void> {
  const now = 2_000_000_000;
  const data = generateHour({ hourStart: now, flights: 1000, bags: 300_000, random: seededRandom(2026) });
  const store = new MemoryBaggageStore();
  await store.upsertBags(data.bags, now - 3600);
  await store.upsertFlights(data.flights, now - 3600);
  const items = await store.claimArrivals(now + 3600, 10_000, now - 3600);

  // The same partitioning as KafkaWorkPublisher: kafkajs's default (murmur2) partitioner on the flight id.
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionMetadata = Array.from({ length: PARTITIONS }, (_, partitionId) => ({ partitionId, leader: 0, replicas: [0], isr: [0], offlineReplicas: [], partitionErrorCode: 0 }));
  const byPartition = new Map<number, Array<{ key: string; value: string }>>();
  for (const item of items) {
    const message = { key: item.id, value: workItemJson(item) };
    const partition = partitioner({ topic: 'arriving_flight_work', partitionMetadata, message });
    byPartition.set(partition, [...(byPartition.get(partition) ?? []), message]);
  }
  const requests = [...byPartition.values()].flatMap((messages) => chunkByBytes(messages, MAX_REQUEST_BYTES));
  const payloads = requests.map((chunk) => Buffer.from(chunk.map((m) => m.key + m.value).join('')));
  const rawBytes = payloads.reduce((n, b) => n + b.length, 0);

  // kafkajs's gzip codec is zlib's gzip at the default level; the LZ4 codec is lz4-napi's frame (lz4-codec.ts).
  const codecs: Record<string, (b: Buffer) => Promise<Buffer>> = { none: async (b) => b, lz4: (b) => compressFrame(b), gzip: async (b) => gzipSync(b) };
  const result: Record<string, { bytes: number; ratio: number; cpuMsPerMB: number }> = {};
  for (const [name, compress] of Object.entries(codecs)) {
    for (const b of payloads.slice(0, 3)) await compress(b); // warm up
    const cpu = process.cpuUsage();
    let bytes = 0;
    for (const b of payloads) bytes += (await compress(b)).length;
    const used = process.cpuUsage(cpu);
    result[name] = { bytes, ratio: +(rawBytes / bytes).toFixed(2), cpuMsPerMB: +((used.user + used.system) / 1000 / (rawBytes / 1_048_576)).toFixed(2) };
  }
  const bagsPerFlight = items.reduce((n, i) => n + Object.keys(i.bags).length, 0) / items.length;
  process.stdout.write(
    `${JSON.stringify({ items: items.length, bagsPerItem: Math.round(bagsPerFlight), requests: requests.length, uncompressedBytes: rawBytes, codecs: result }, null, 2)}\n`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exit(1);
  },
);
