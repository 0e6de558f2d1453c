// `npm run baggage:produce`: the test data producer (seed 003's generator, bounded). A composition root like
// baggage.module.ts: it wires the CLI (inbound) to the Kafka sink (outbound) without booting Nest.
import { randomInt } from 'node:crypto';
import { createServer } from 'node:http';
import { Registry } from 'prom-client';
import { GenerateTestData } from './application/commands/generate-test-data/generate-test-data';
import { USAGE, parseProduceArgs, progressLine } from './adapters/inbound/cli/produce-args';
import { recordProgress, testProducerMetrics } from './adapters/inbound/cli/producer-metrics';
import { BaggageKafka } from './adapters/outbound/kafka/kafka-connection';
import { KafkaTestDataSink } from './adapters/outbound/kafka/kafka-test-data-sink';

async function main(): Promise<number> {
  let args;
  try {
    args = parseProduceArgs(process.argv.slice(2), process.env, Date.now() / 1000, randomInt(2 ** 31));
  } catch (error) {
    process.stderr.write(`baggage:produce: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const registry = new Registry();
  const record = recordProgress(testProducerMetrics(registry));
  const server = args.metricsPort
    ? createServer((_req, res) => void registry.metrics().then((text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text))).listen(args.metricsPort, '0.0.0.0')
    : undefined;

  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim()).filter(Boolean);
  const kafka = new BaggageKafka({ brokers, clientId: 'junction-baggage-produce' });
  const sink = new KafkaTestDataSink(kafka, { flights: args.flightsTopic, bags: args.bagsTopic });
  const started = Date.now();
  const tty = process.stderr.isTTY === true;
  let lastDrawn = 0;
  try {
    await kafka.ensureTopics([args.flightsTopic, args.bagsTopic]);
    const summary = await new GenerateTestData(sink).execute({
      hours: args.hours,
      flightsPerHour: args.flightsPerHour,
      bagsPerHour: args.bagsPerHour,
      start: args.start,
      seed: args.seed,
      onProgress: (p) => {
        record(p);
        const finished = p.sentBags === p.totalBags && p.sentFlights === p.totalFlights;
        if (!finished && Date.now() - lastDrawn < (tty ? 100 : 2000)) return;
        lastDrawn = Date.now();
        const line = progressLine(p.sentBags, p.totalBags, p.sentFlights, p.totalFlights, p.sentBags / Math.max(0.001, (Date.now() - started) / 1000));
        process.stderr.write(tty ? `\r${line}` : `${line}\n`);
      },
    });
    if (tty) process.stderr.write('\n');
    process.stdout.write(`${JSON.stringify({ ...summary, flightsTopic: args.flightsTopic, bagsTopic: args.bagsTopic, brokers })}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`\nbaggage:produce failed: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await sink.close().catch(() => undefined);
    server?.close();
  }
}

void main().then((code) => process.exit(code));
