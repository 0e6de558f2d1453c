import { nextDepartureCode } from '../../../domain/codes';
import type { BagRecord, FlightRecord, StoredCounts, UpsertOutcome, WorkItem } from '../../../domain/records';
import { Arrival, BaggageStore, StoredFlight } from '../../../ports/baggage-store';

interface FlightRow extends FlightRecord {
  work?: string;
  workRevision?: number;
}

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * BaggageStore in process memory, with the Lua scripts' semantics (ADAPTERS=memory and unit tests). Every method
 * runs synchronously inside one call, which makes it as atomic as a script.
 */
export class MemoryBaggageStore extends BaggageStore {
  private readonly flights = new Map<string, FlightRow>();
  private readonly bags = new Map<string, BagRecord>();
  /** flight:arrival_times and flight:arrived: id → arrival time. */
  private readonly scheduled = new Map<string, number>();
  private readonly arrived = new Map<string, number>();
  private readonly unpublishedAt = new Map<string, number>();
  private readonly corrections = new Set<string>();

  async upsertFlights(flights: readonly FlightRecord[], now: number): Promise<UpsertOutcome> {
    const outcome = { created: 0, updated: 0, unchanged: 0 };
    const anyPending = [...this.arrived.values()].some((a) => a > now);
    for (const f of flights) {
      const old = this.flights.get(f.id);
      if (old && old.departureTime === f.departureTime && old.arrivalTime === f.arrivalTime && sameList(old.bags, f.bags)) {
        outcome.unchanged++;
        continue;
      }
      this.flights.set(f.id, { ...old, id: f.id, departureTime: f.departureTime, arrivalTime: f.arrivalTime, bags: [...f.bags] });
      if (old) outcome.updated++;
      else outcome.created++;
      if (this.arrived.has(f.id)) {
        this.arrived.set(f.id, f.arrivalTime);
        this.markIfPending(f.id, now);
      } else {
        this.scheduled.set(f.id, f.arrivalTime);
      }
      if (anyPending && old?.departureTime !== f.departureTime) {
        for (const bagId of f.bags) {
          const legs = this.bags.get(bagId)?.flights ?? [];
          for (let j = 1; j < legs.length; j++) if (legs[j] === f.id) this.markIfPending(legs[j - 1], now);
        }
      }
    }
    return outcome;
  }

  async upsertBags(bags: readonly BagRecord[], now: number): Promise<UpsertOutcome> {
    const outcome = { created: 0, updated: 0, unchanged: 0 };
    for (const b of bags) {
      const old = this.bags.get(b.id);
      if (old && sameList(old.flights, b.flights)) {
        outcome.unchanged++;
        continue;
      }
      this.bags.set(b.id, { id: b.id, flights: [...b.flights] });
      if (old) outcome.updated++;
      else outcome.created++;
      for (const leg of b.flights) this.markIfPending(leg, now);
    }
    return outcome;
  }

  async claimArrivals(horizon: number, limit: number, now: number, maxBags = Number.POSITIVE_INFINITY): Promise<WorkItem[]> {
    const due = [...this.scheduled.entries()]
      .filter(([, arrival]) => arrival <= horizon)
      .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, limit);
    const items: WorkItem[] = [];
    let bags = 0;
    for (const [id] of due) {
      if (bags >= maxBags) break;
      this.scheduled.delete(id);
      const flight = this.flights.get(id);
      if (!flight) continue;
      this.arrived.set(id, flight.arrivalTime);
      if (flight.bags.length === 0) continue;
      bags += flight.bags.length;
      flight.work = this.itemJson(flight);
      flight.workRevision = 1;
      this.unpublishedAt.set(id, now);
      items.push(this.item(flight, false));
    }
    return items;
  }

  async takeCorrections(limit: number, now: number): Promise<WorkItem[]> {
    const ids = [...this.corrections].slice(0, limit);
    const items: WorkItem[] = [];
    for (const id of ids) {
      this.corrections.delete(id);
      const flight = this.flights.get(id);
      if (!flight || flight.arrivalTime <= now) continue;
      const json = this.itemJson(flight);
      if (json === (flight.work ?? '{}')) continue;
      flight.work = json;
      flight.workRevision = (flight.workRevision ?? 0) + 1;
      this.unpublishedAt.set(id, now);
      items.push(this.item(flight, true));
    }
    return items;
  }

  async unpublished(limit: number, now: number): Promise<WorkItem[]> {
    const ids = [...this.unpublishedAt.entries()].filter(([, at]) => at <= now).sort((a, b) => a[1] - b[1]).slice(0, limit);
    const items: WorkItem[] = [];
    for (const [id] of ids) {
      const flight = this.flights.get(id);
      if (flight?.work) items.push(this.item(flight, (flight.workRevision ?? 1) > 1));
      else this.unpublishedAt.delete(id);
    }
    return items;
  }

  async markPublished(flightIds: readonly string[]): Promise<void> {
    for (const id of flightIds) this.unpublishedAt.delete(id);
  }

  async purgeArrived(cutoff: number, limit: number): Promise<{ flights: number; bags: number }> {
    const ids = [...this.arrived.entries()].filter(([, a]) => a < cutoff).sort((a, b) => a[1] - b[1]).slice(0, limit).map(([id]) => id);
    let flights = 0;
    let bags = 0;
    const legGone = (leg: string): boolean => !this.flights.has(leg) || (this.arrived.get(leg) ?? Infinity) < cutoff;
    for (const id of ids) {
      const flight = this.flights.get(id);
      if (flight) {
        for (const bagId of flight.bags) {
          const bag = this.bags.get(bagId);
          if (bag && bag.flights.every((leg) => leg === id || legGone(leg))) {
            this.bags.delete(bagId);
            bags++;
          }
        }
        this.flights.delete(id);
        flights++;
      }
      this.arrived.delete(id);
      this.unpublishedAt.delete(id);
      this.corrections.delete(id);
    }
    return { flights, bags };
  }

  async getFlight(id: string): Promise<StoredFlight | undefined> {
    const f = this.flights.get(id);
    if (!f) return undefined;
    return {
      id: f.id,
      departureTime: f.departureTime,
      arrivalTime: f.arrivalTime,
      bags: [...f.bags],
      workProduced: this.arrived.has(id),
      ...(f.work ? { work: JSON.parse(f.work) as Record<string, number>, workRevision: f.workRevision } : {}),
    };
  }

  async getFlights(ids: readonly string[]): Promise<Array<FlightRecord | undefined>> {
    return ids.map((id) => {
      const f = this.flights.get(id);
      return f && { id: f.id, departureTime: f.departureTime, arrivalTime: f.arrivalTime, bags: [...f.bags] };
    });
  }

  async getBag(id: string): Promise<BagRecord | undefined> {
    const b = this.bags.get(id);
    return b && { id: b.id, flights: [...b.flights] };
  }

  async arrivals(from: number, to: number, limit: number): Promise<Arrival[]> {
    const rows: Arrival[] = [];
    for (const [set, workProduced] of [[this.scheduled, false], [this.arrived, true]] as const) {
      for (const [id, arrivalTime] of set) if (arrivalTime >= from && arrivalTime <= to) rows.push({ id, arrivalTime, workProduced });
    }
    return rows.sort((a, b) => a.arrivalTime - b.arrivalTime || (a.id < b.id ? -1 : 1)).slice(0, limit);
  }

  async counts(): Promise<StoredCounts> {
    return { flights: this.flights.size, bags: this.bags.size };
  }

  private markIfPending(flightId: string, now: number): void {
    const arrival = this.arrived.get(flightId);
    if (arrival !== undefined && arrival > now) this.corrections.add(flightId);
  }

  private itemJson(flight: FlightRecord): string {
    const codes: Record<string, number> = {};
    for (const bagId of flight.bags) codes[bagId] = nextDepartureCode(flight.id, this.bags.get(bagId), (leg) => this.flights.get(leg)?.departureTime);
    return JSON.stringify(codes);
  }

  private item(flight: FlightRow, correction: boolean): WorkItem {
    return { id: flight.id, arrivalTime: flight.arrivalTime, bags: JSON.parse(flight.work ?? '{}') as Record<string, number>, correction };
  }
}
