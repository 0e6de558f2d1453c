import { CompressionCodecs, CompressionTypes } from 'kafkajs';
import { compressFrame, decompressFrame } from 'lz4-napi';

/**
 * Kafka's LZ4 codec (the LZ4 frame format) for kafkajs, on lz4-napi (maintained, prebuilt binaries from npm).
 * kafkajs ships only gzip; `kafkajs-lz4` depends on an unmaintained native module. Registering is global and
 * idempotent.
 */
const codec = () => ({
  compress: async (encoder: { buffer: Buffer }) => compressFrame(encoder.buffer),
  decompress: async (buffer: Buffer) => decompressFrame(buffer),
});

/** kafkajs's slot holds a stub that throws "LZ4 compression not implemented" until a codec is set. */
export function registerLz4Codec(): void {
  CompressionCodecs[CompressionTypes.LZ4] = codec;
}
