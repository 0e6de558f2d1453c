import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblems, Authenticated } from '@libs/platform';
import { GetTravelTimesHandler } from '../../../application/queries/get-travel-times/get-travel-times.handler';
import { ListLinksHandler } from '../../../application/queries/list-links/list-links.handler';
import { LinkListView, LinkView, TravelTimeListView, TravelTimeView } from './travel-time.view';

const INVALID = { status: 400, code: 'DETECTORS.INVALID_ARGUMENT', detail: 'dest_detector_id: must be 1-128 characters of A-Z a-z 0-9 . _ : ~ -', extra: { field: 'dest_detector_id' } };
const UNAVAILABLE = { status: 503, code: 'DETECTORS.STORE_UNAVAILABLE', detail: 'the detector store (etcd) is unavailable; retry later' };

/** Travel times between linked detectors and the links themselves (detectors.v1 over gRPC serves the same). */
// domain/detector-id.ts's DETECTOR_ID, so that the document and the server agree (npm run test:api-fuzz checks it).
// (not `.` or `..`, which the domain refuses: either the first character is no dot, or the second, or more follow `..`)
const ID = '[A-Za-z0-9_:~-][A-Za-z0-9._:~-]{0,127}|\\.[A-Za-z0-9_:~-][A-Za-z0-9._:~-]{0,126}|\\.\\.[A-Za-z0-9._:~-]{1,126}';
const DETECTOR_ID_SCHEMA = { type: 'string', pattern: `^(?:${ID})$` } as const;
/** The optional `dest` filter: empty means "no filter", as absent does (the handlers treat '' as undefined, like gRPC). */
const DEST_FILTER_SCHEMA = { type: 'string', pattern: `^(?:${ID})?$`, description: 'A detector id; empty or absent lists all' } as const;

@ApiTags('detectors')
@Authenticated()
@Controller('detectors')
export class DetectorsController {
  constructor(
    private readonly travelTimes: GetTravelTimesHandler,
    private readonly links: ListLinksHandler,
  ) {}

  @Get('links/:src/:dest/travel-time')
  @ApiOperation({ summary: "One link's latest travel time (median, p85, min, max, count over the rolling window)" })
  @ApiParam({ name: 'src', example: 'det-1', schema: DETECTOR_ID_SCHEMA })
  @ApiParam({ name: 'dest', example: 'det-2', schema: DETECTOR_ID_SCHEMA })
  @ApiOkResponse({ type: TravelTimeView })
  @ApiProblems(INVALID, { status: 404, code: 'DETECTORS.LINK_NOT_FOUND', detail: 'no link det-1 → det-2' }, UNAVAILABLE)
  async travelTime(@Param('src') src: string, @Param('dest') dest: string): Promise<TravelTimeView> {
    return TravelTimeView.of(await this.travelTimes.one(src, dest));
  }

  @Get('travel-times')
  @ApiOperation({ summary: 'Latest travel times of every computed link, or of the links into one destination' })
  @ApiQuery({ name: 'dest', required: false, example: 'det-2', schema: DEST_FILTER_SCHEMA })
  @ApiOkResponse({ type: TravelTimeListView })
  @ApiProblems(INVALID, UNAVAILABLE)
  async list(@Query('dest') dest?: string): Promise<TravelTimeListView> {
    return { travel_times: (await this.travelTimes.list(dest)).map(TravelTimeView.of) };
  }

  @Get('links')
  @ApiOperation({ summary: 'Declared links (dest ← src, max seconds), all or into one destination' })
  @ApiQuery({ name: 'dest', required: false, example: 'det-2', schema: DEST_FILTER_SCHEMA })
  @ApiOkResponse({ type: LinkListView })
  @ApiProblems(INVALID, UNAVAILABLE)
  async listLinks(@Query('dest') dest?: string): Promise<LinkListView> {
    return { links: (await this.links.execute(dest)).map(LinkView.of) };
  }
}
