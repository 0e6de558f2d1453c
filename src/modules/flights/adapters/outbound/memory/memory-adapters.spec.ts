import { alertStoreContract } from '../../../ports/alert-store.contract';
import { flightGraphContract } from '../../../ports/flight-graph.contract';
import { MemoryAlertStore } from './memory-alert-store';
import { MemoryFlightGraph } from './memory-flight-graph';

flightGraphContract('memory', async () => ({ graph: new MemoryFlightGraph() }));
alertStoreContract('memory', async () => ({ store: new MemoryAlertStore() }));
