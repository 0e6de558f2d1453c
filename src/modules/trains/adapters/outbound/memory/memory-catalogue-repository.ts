import { CatalogueRepository, CatalogueSnapshot } from '../../../ports';
import { seedCatalogue } from './catalogue-seed';

export class MemoryCatalogueRepository extends CatalogueRepository {
  constructor(private readonly data: CatalogueSnapshot = seedCatalogue()) {
    super();
  }

  async snapshot(): Promise<CatalogueSnapshot> {
    return this.data;
  }
}
