import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { GetTravelTimesHandler } from '../../../application/queries/get-travel-times/get-travel-times.handler';
import { ListLinksHandler } from '../../../application/queries/list-links/list-links.handler';
import { encodeTravelTime } from './wire';

/** `detectors.v1.DetectorsService` (proto/detectors/v1/detectors.proto): Junction's travel times and links. */
@Controller()
export class DetectorsServiceGrpcController {
  constructor(
    private readonly travelTimes: GetTravelTimesHandler,
    private readonly links: ListLinksHandler,
  ) {}

  @GrpcMethod('DetectorsService', 'GetTravelTime')
  async getTravelTime(request: { src_detector_id?: string; dest_detector_id?: string }): Promise<unknown> {
    return encodeTravelTime(await this.travelTimes.one(request?.src_detector_id, request?.dest_detector_id));
  }

  @GrpcMethod('DetectorsService', 'ListTravelTimes')
  async listTravelTimes(request: { dest_detector_id?: string }): Promise<unknown> {
    return { travel_times: (await this.travelTimes.list(request?.dest_detector_id)).map(encodeTravelTime) };
  }

  @GrpcMethod('DetectorsService', 'ListLinks')
  async listLinks(request: { dest_detector_id?: string }): Promise<unknown> {
    const links = await this.links.execute(request?.dest_detector_id);
    return { links: links.map((l) => ({ src_detector_id: l.srcDetectorId, dest_detector_id: l.destDetectorId, max_seconds: l.maxSeconds })) };
  }
}
