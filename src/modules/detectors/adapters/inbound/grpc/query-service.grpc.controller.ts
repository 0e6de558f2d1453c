import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { Observable, concatMap, from } from 'rxjs';
import { GetBatteryVoltageHandler } from '../../../application/queries/get-battery-voltage/get-battery-voltage.handler';
import { GetEventsHandler } from '../../../application/queries/get-events/get-events.handler';
import { GetEventsRequestWire, decodeRange, encodeGroup, int64 } from './wire';

/** `query.QueryService` (proto/query/query.proto), wire-compatible with seed 001's mbcli. */
@Controller()
export class QueryServiceGrpcController {
  constructor(
    private readonly events: GetEventsHandler,
    private readonly voltages: GetBatteryVoltageHandler,
  ) {}

  @GrpcMethod('QueryService', 'GetEvents')
  async getEvents(request: GetEventsRequestWire): Promise<unknown> {
    const groups = await this.events.execute(decode(request));
    return { events: groups.map(encodeGroup) };
  }

  /** Server stream: the same selection as GetEvents, one DetectionEvent per (detector, device), with backpressure. */
  @GrpcMethod('QueryService', 'StreamEvents')
  streamEvents(request: GetEventsRequestWire): Observable<unknown> {
    const chunks = this.events.stream(decode(request));
    return from(chunks).pipe(concatMap((groups) => from(groups.map(encodeGroup))));
  }

  @GrpcMethod('QueryService', 'GetBatteryVoltage')
  async getBatteryVoltage(request: GetEventsRequestWire): Promise<unknown> {
    const reports = await this.voltages.execute(decode(request));
    return { reports: reports.map((r) => ({ detector_id: r.detectorId, voltage: r.voltages })) };
  }
}

function decode(request: GetEventsRequestWire): { detectorIds: unknown[]; range: ReturnType<typeof decodeRange>; limit: number } {
  return { detectorIds: Array.isArray(request?.detector_ids) ? request.detector_ids : [], range: decodeRange(request?.range), limit: int64(request?.limit) };
}
