import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod, GrpcStreamCall } from '@nestjs/microservices';
import type { ServerReadableStream, sendUnaryData } from '@grpc/grpc-js';
import { LOGGER, PinoLogger, toGrpcError } from '@libs/platform';
import { CreateLinksHandler } from '../../../application/commands/create-links/create-links.handler';
import { RecordCoordinatesHandler } from '../../../application/commands/record-coordinates/record-coordinates.handler';
import { DeviceCounts, PreparedBatch, RecordEventsHandler, emptyCounts } from '../../../application/commands/record-events/record-events.handler';
import { RecordStatusHandler } from '../../../application/commands/record-status/record-status.handler';
import { CoordinatesWire, EventLogWire, Int64, decodeEventLog, int64 } from './wire';

/** Detections written per storage call while a stream is read (etcd: 8 transactions of 128). */
const STREAM_BATCH = 1024;
/** Storage calls of one stream in flight at once (reading continues meanwhile; more waits: backpressure). */
const STREAM_IN_FLIGHT = 2;

interface DetectorLinkWire {
  dest_detector_id?: string;
  src_detectors?: Array<{ detector_id?: string; max_seconds?: Int64 }> | null;
}

interface DetectorStatusWire {
  loc?: CoordinatesWire | null;
  active_detectors?: Array<number | string> | null;
  battery_voltage?: number;
  detection_count?: Record<string, Int64> | null;
}

const DEVICE_NUMBERS: Record<string, number> = { DEVICE_UNKNOWN: 0, MOBILE: 1, WIFI: 2, BLUETOOTH: 3 };

/**
 * `collector.CollectorService` (proto/collector/collector.proto), wire-compatible with seed 001's mbcli. Errors are
 * DomainErrors mapped once by the platform's GrpcErrorFilter (bad input → INVALID_ARGUMENT, etcd down → UNAVAILABLE).
 */
@Controller()
export class CollectorServiceGrpcController {
  constructor(
    private readonly events: RecordEventsHandler,
    private readonly links: CreateLinksHandler,
    private readonly coordinates: RecordCoordinatesHandler,
    private readonly statuses: RecordStatusHandler,
    @Inject(LOGGER) private readonly logger: PinoLogger,
  ) {}

  @GrpcMethod('CollectorService', 'CreateEventLog')
  async createEventLog(request: EventLogWire): Promise<Record<string, never>> {
    await this.events.execute(decodeEventLog(request));
    return {};
  }

  /** Client stream: detections are stored in batches as they arrive; the answer counts accepted events per device. */
  @GrpcStreamCall('CollectorService', 'StreamEventLog')
  async streamEventLog(call: ServerReadableStream<EventLogWire, unknown>, callback: sendUnaryData<unknown>): Promise<void> {
    const accepted = emptyCounts();
    const inFlight: Array<Promise<void>> = [];
    let failure: unknown;
    const flush = (batch: PreparedBatch): void => {
      const stored = this.events.store(batch).then(
        (counts) => add(accepted, counts),
        (error: unknown) => {
          failure ??= error;
        },
      );
      inFlight.push(stored);
    };
    let batch: PreparedBatch = { detections: [], counts: emptyCounts() };
    let index = 0;
    try {
      for await (const message of call as AsyncIterable<EventLogWire>) {
        this.events.prepare(decodeEventLog(message, `message[${index}].`), batch, `message[${index}].`);
        index++;
        if (batch.detections.length >= STREAM_BATCH) {
          flush(batch);
          batch = { detections: [], counts: emptyCounts() };
          if (inFlight.length >= STREAM_IN_FLIGHT) await inFlight.shift();
        }
        if (failure !== undefined) throw failure;
      }
      if (batch.detections.length > 0) flush(batch);
      await Promise.all(inFlight);
      if (failure !== undefined) throw failure;
      callback(null, { mobile: accepted.mobile, bluetooth: accepted.bluetooth, wifi: accepted.wifi });
    } catch (error) {
      await Promise.all(inFlight);
      const status = toGrpcError(error);
      if (status.code === 13) this.logger.error({ err: error }, 'StreamEventLog failed');
      callback({ code: status.code, details: status.message, message: status.message } as never, null);
    }
  }

  @GrpcMethod('CollectorService', 'CreateDetectorLink')
  async createDetectorLink(request: DetectorLinkWire): Promise<Record<string, never>> {
    const sources = Array.isArray(request?.src_detectors) ? request.src_detectors : [];
    await this.links.execute({
      destDetectorId: request?.dest_detector_id,
      sources: sources.map((s) => ({ detectorId: s?.detector_id, maxSeconds: int64(s?.max_seconds) })),
    });
    return {};
  }

  @GrpcMethod('CollectorService', 'CreateCoordinates')
  async createCoordinates(request: CoordinatesWire): Promise<Record<string, never>> {
    await this.coordinates.execute({ detectorId: request?.detector_id, latitude: int64(request?.latitude), longitude: int64(request?.longitude) });
    return {};
  }

  @GrpcMethod('CollectorService', 'CreateDetectorStatus')
  async createDetectorStatus(request: DetectorStatusWire): Promise<Record<string, never>> {
    const counts: Record<string, number> = {};
    for (const [k, v] of Object.entries(request?.detection_count ?? {})) counts[k] = int64(v);
    await this.statuses.execute({
      loc: { detectorId: request?.loc?.detector_id, latitude: int64(request?.loc?.latitude), longitude: int64(request?.loc?.longitude) },
      activeDetectors: (request?.active_detectors ?? []).map((d) => (typeof d === 'number' ? d : (DEVICE_NUMBERS[d] ?? -1))),
      batteryVoltage: Number(request?.battery_voltage ?? 0),
      detectionCount: counts,
    });
    return {};
  }
}

function add(into: DeviceCounts, counts: DeviceCounts): void {
  into.mobile += counts.mobile;
  into.wifi += counts.wifi;
  into.bluetooth += counts.bluetooth;
}
