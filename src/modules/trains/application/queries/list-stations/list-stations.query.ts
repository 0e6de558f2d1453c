import { Injectable } from '@nestjs/common';
import type { Station } from '../../../domain';
import { CatalogueService } from '../../catalogue.service';

@Injectable()
export class ListStationsQuery {
  constructor(private readonly catalogue: CatalogueService) {}

  async execute(): Promise<Station[]> {
    const c = await this.catalogue.get();
    return [...c.snapshot.stations].sort((a, b) => a.distanceIndex - b.distanceIndex || a.name.localeCompare(b.name));
  }
}
