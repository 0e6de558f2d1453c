import { parseDate } from './calendar';
import { TrainsErrors } from './errors';

/** A trip is a schedule on a date: `<schedule id>_<YYYY-MM-DD>`, e.g. `701_2026-05-01`. */
export function tripId(scheduleId: string, date: string): string {
  return `${scheduleId}_${date}`;
}

const TRIP = /^([A-Za-z0-9-]{1,40})_(\d{4}-\d{2}-\d{2})$/;

export function parseTripId(value: string): { scheduleId: string; date: string } {
  const match = TRIP.exec(value);
  if (!match) throw TrainsErrors.unknownTrip(value);
  try {
    return { scheduleId: match[1], date: parseDate(match[2]) };
  } catch {
    throw TrainsErrors.unknownTrip(value);
  }
}

export type TicketStatus = 'active' | 'cancelled';

export interface Ticket {
  ticketId: string;
  userId: string;
  tripId: string;
  scheduleId: string;
  date: string;
  seat: string;
  price: number;
  status: TicketStatus;
  purchaseId: string;
  createdAt: Date;
}
