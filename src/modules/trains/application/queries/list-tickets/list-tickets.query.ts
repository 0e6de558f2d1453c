import { Injectable } from '@nestjs/common';
import type { Ticket } from '../../../domain';
import { TicketRepository } from '../../../ports';
import { guarded } from '../../store-errors';

@Injectable()
export class ListTicketsQuery {
  constructor(private readonly tickets: TicketRepository) {}

  execute(userId: string): Promise<Ticket[]> {
    return guarded('the ticket store', () => this.tickets.ticketsOf(userId));
  }
}
