import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { DetectorLink, TravelTime } from '../../../domain';

export class TravelTimeView {
  @ApiProperty({ example: 'det-1' }) src_detector_id!: string;
  @ApiProperty({ example: 'det-2' }) dest_detector_id!: string;
  @ApiProperty({ enum: ['ok', 'insufficient_data'], example: 'ok', description: '`insufficient_data` below the minimum sample count (default 5)' }) status!: string;
  @ApiProperty({ example: 42, description: 'Samples kept after outlier rejection (1.5 IQR)' }) count!: number;
  @ApiProperty({ example: 3, description: 'Samples dropped as outliers' }) outliers!: number;
  @ApiPropertyOptional({ example: 118.4 }) median_seconds?: number;
  @ApiPropertyOptional({ example: 131.2 }) p85_seconds?: number;
  @ApiPropertyOptional({ example: 97.1 }) min_seconds?: number;
  @ApiPropertyOptional({ example: 149.9 }) max_seconds?: number;
  @ApiProperty({ example: 900, description: 'Rolling window the samples come from' }) window_seconds!: number;
  @ApiProperty({ example: '2026-01-01T12:00:00.000Z', nullable: true, description: 'null when the link has not been computed yet' }) computed_at!: string | null;

  static of(t: TravelTime): TravelTimeView {
    return {
      src_detector_id: t.srcDetectorId,
      dest_detector_id: t.destDetectorId,
      status: t.status,
      count: t.count,
      outliers: t.outliers,
      median_seconds: t.median,
      p85_seconds: t.p85,
      min_seconds: t.min,
      max_seconds: t.max,
      window_seconds: t.windowSeconds,
      computed_at: t.computedAt > 0 ? new Date(t.computedAt).toISOString() : null,
    };
  }
}

export class TravelTimeListView {
  @ApiProperty({ type: [TravelTimeView] }) travel_times!: TravelTimeView[];
}

export class LinkView {
  @ApiProperty({ example: 'det-1' }) src_detector_id!: string;
  @ApiProperty({ example: 'det-2' }) dest_detector_id!: string;
  @ApiProperty({ example: 600, description: 'Longest travel time taken into account' }) max_seconds!: number;

  static of(l: DetectorLink): LinkView {
    return { src_detector_id: l.srcDetectorId, dest_detector_id: l.destDetectorId, max_seconds: l.maxSeconds };
  }
}

export class LinkListView {
  @ApiProperty({ type: [LinkView] }) links!: LinkView[];
}
