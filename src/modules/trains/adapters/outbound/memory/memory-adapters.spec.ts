import { ManualClock } from '@libs/kernel';
import { catalogueRepositoryContract } from '../../../ports/catalogue-repository.contract';
import { paymentGatewayContract } from '../../../ports/payment-gateway.contract';
import { seatHoldStoreContract } from '../../../ports/seat-hold-store.contract';
import { ticketRepositoryContract } from '../../../ports/ticket-repository.contract';
import { SimulatedPaymentGateway } from '../payment/simulated-payment-gateway';
import { MemoryCatalogueRepository } from './memory-catalogue-repository';
import { MemorySeatHoldStore } from './memory-seat-hold-store';
import { MemoryTicketRepository } from './memory-ticket-repository';

const clock = new ManualClock(new Date());
seatHoldStoreContract('memory', async () => ({ store: new MemorySeatHoldStore(clock), shortTtlMs: 1000, elapse: async (ms) => clock.advance(ms) }));
ticketRepositoryContract('memory', async () => new MemoryTicketRepository());
catalogueRepositoryContract('memory', async () => new MemoryCatalogueRepository());
paymentGatewayContract('simulated', async () => new SimulatedPaymentGateway());
