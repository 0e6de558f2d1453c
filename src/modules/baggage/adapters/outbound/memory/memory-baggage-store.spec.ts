import { baggageStoreContract } from '../../../ports/baggage-store.contract';
import { MemoryBaggageStore } from './memory-baggage-store';

describe('MemoryBaggageStore (BaggageStore contract)', () => {
  baggageStoreContract(async () => ({ store: new MemoryBaggageStore() }));
});
