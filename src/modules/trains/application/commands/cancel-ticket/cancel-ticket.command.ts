import { Injectable } from '@nestjs/common';
import { Clock } from '@libs/kernel';
import { Ticket, TrainsErrors } from '../../../domain';
import { TicketRepository } from '../../../ports';
import { guarded } from '../../store-errors';

/** Cancels the caller's ticket, which frees the seat. Someone else's ticket is reported as not found. */
@Injectable()
export class CancelTicketCommand {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly clock: Clock,
  ) {}

  async execute(input: { ticketId: string; userId: string }): Promise<Ticket> {
    const cancelled = await guarded('the ticket store', () => this.tickets.cancel(input.ticketId, input.userId, this.clock.now()));
    if (cancelled) return cancelled;
    const existing = await guarded('the ticket store', () => this.tickets.findTicket(input.ticketId));
    if (existing && existing.userId === input.userId) throw TrainsErrors.ticketNotActive(input.ticketId);
    throw TrainsErrors.ticketNotFound(input.ticketId);
  }
}
