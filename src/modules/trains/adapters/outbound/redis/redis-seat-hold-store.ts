import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { LuaScript } from '@libs/platform';
import { HeldSeat, HoldRequest, HoldResult, ReleaseResult, SeatHoldStore } from '../../../ports';

// Lua files shipped next to this adapter (nest-cli copies **/*.lua to dist).
const HOLD = LuaScript.fromFile(join(__dirname, 'hold-seats.lua'));
const RELEASE = LuaScript.fromFile(join(__dirname, 'release-hold.lua'));

/**
 * Seat holds in Redis: one key per seat (`SET owner PX ttl` semantics inside a Lua script, so a multi-seat hold is
 * atomic), compare-and-delete release, expiry by TTL. Every key of a trip shares the hash tag `{trip}`, so the scripts
 * stay single-slot on a Redis Cluster too.
 */
export class RedisSeatHoldStore extends SeatHoldStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'trains',
  ) {
    super();
  }

  private seatKey(tripId: string, seat: string): string {
    return `${this.prefix}:hold:{${tripId}}:${seat}`;
  }

  private ownerKey(tripId: string, owner: string): string {
    return `${this.prefix}:holds-of:{${tripId}}:${owner}`;
  }

  async hold(request: HoldRequest): Promise<HoldResult> {
    const keys = [this.ownerKey(request.tripId, request.owner), ...request.seats.map((s) => this.seatKey(request.tripId, s))];
    const reply = (await HOLD.run(this.redis, keys, [request.owner, request.ttlMs, request.cap, request.exclusive ? '1' : '0', ...request.seats])) as string[];
    if (reply[0] === 'ok') return { ok: true, expiresAt: new Date(Number(reply[1])) };
    if (reply[0] === 'cap') return { ok: false, reason: 'cap', held: Number(reply[1]) };
    return { ok: false, reason: 'conflict', seats: reply.slice(1) };
  }

  async release(tripId: string, seat: string, owner: string): Promise<ReleaseResult> {
    const reply = Number(await RELEASE.run(this.redis, [this.seatKey(tripId, seat), this.ownerKey(tripId, owner)], [owner, seat]));
    return reply === 1 ? 'released' : reply === 0 ? 'not_held' : 'not_owner';
  }

  async holds(tripId: string, seats: readonly string[]): Promise<Map<string, HeldSeat>> {
    const result = new Map<string, HeldSeat>();
    if (seats.length === 0) return result;
    const values = await this.redis.mget(...seats.map((s) => this.seatKey(tripId, s)));
    values.forEach((v, i) => {
      if (!v) return;
      const bar = v.lastIndexOf('|');
      result.set(seats[i], { owner: v.slice(0, bar), expiresAt: new Date(Number(v.slice(bar + 1))) });
    });
    return result;
  }
}
