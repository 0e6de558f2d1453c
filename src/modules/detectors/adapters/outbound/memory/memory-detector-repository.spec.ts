import { detectorRepositoryContract } from '../../../ports/detector-repository.contract';
import { MemoryDetectorRepository } from './memory-detector-repository';

detectorRepositoryContract('memory', async () => new MemoryDetectorRepository());
