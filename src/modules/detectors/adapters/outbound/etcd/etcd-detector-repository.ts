import { Etcd3, EtcdLeaseInvalidError, IKeyValue } from 'etcd3';
import { isDomainError } from '@libs/kernel';
import type { Detection, DetectorCoordinates, DetectorLink, DetectorStatusReport, TimeRange, TravelTime } from '../../../domain';
import { DEVICE_TYPES, inRange, newestFirst, storeUnavailable } from '../../../domain';
import { DetectorRepository } from '../../../ports';
import { ulid } from './ulid';

export interface EtcdDetectorRepositoryOptions {
  /** Key prefix without slashes (the original's default is `tdc`). */
  prefix: string;
  /** Detections and status reports expire this long after they are written (a lease). */
  retentionSeconds: number;
}

/** etcd's default --max-txn-ops. */
export const MAX_TXN_OPS = 128;
/** Transactions of one append in flight at once. */
const TXN_CONCURRENCY = 4;
/** One lease serves all writes of this many seconds (its TTL is retention + this), so there is no lease per key. */
const LEASE_REUSE_SECONDS = 60;
const BUCKET_SECONDS = 100;
const PAGE = 5000;
/** The widest window (in buckets) one range read covers when walking back in time. */
const MAX_SPAN_BUCKETS = 1 << 20;
/** Empty windows of this many buckets (~1.8 h) in a row before the walk asks whether anything older exists. */
const EMPTY_SPAN_BEFORE_OLDER_CHECK = 64;

/**
 * DetectorRepository over etcd, key schema compatible with seed 001's server:
 * - `/<prefix>/detectors/<detector_id>/<bucket>/<ULID>.<device_id>` → base64(JSON {"Timestamp": <unix ns>, "Device": "wifi"}),
 *   bucket = unix seconds − unix seconds % 100, the ULID carrying the event time; on a lease (retention).
 * - `/<prefix>/links/<dest>/<src>` → {"max_seconds": N}
 * - `/<prefix>/coordinates/<detector_id>` → {"latitude": N, "longitude": N}
 * - `/<prefix>/status/<detector_id>/<bucket>/<ULID>` → JSON status report; on the retention lease
 * - `/<prefix>/traveltimes/<dest>/<src>` → JSON travel-time result
 * The trailing `/` after every detector id is what keeps `xxx-1` from matching `xxx-10`.
 */
export class EtcdDetectorRepository extends DetectorRepository {
  private readonly root: string;
  private lease?: { id: string; renewAt: number };
  private granting?: Promise<string>;

  constructor(
    private readonly etcd: Etcd3,
    private readonly options: EtcdDetectorRepositoryOptions,
  ) {
    super();
    this.root = `/${options.prefix}`;
  }

  async appendDetections(detections: readonly Detection[]): Promise<void> {
    if (detections.length === 0) return;
    const puts = detections.map((d) => ({
      key: `${this.detectorBase(d.detectorId)}${bucketOf(d.timeNs)}/${ulid(Number(d.timeNs / 1_000_000n))}.${d.deviceId}`,
      value: Buffer.from(JSON.stringify({ Timestamp: '__TS__', Device: d.deviceType }).replace('"__TS__"', d.timeNs.toString())).toString('base64'),
    }));
    await this.putAll(puts, true);
  }

  async findDetections(detectorId: string, range: TimeRange, limit: number): Promise<Detection[]> {
    return this.walkNewestFirst(this.detectorBase(detectorId), range, limit, (kv) => decodeDetection(detectorId, kv), newestFirst);
  }

  async putLinks(links: readonly DetectorLink[]): Promise<void> {
    await this.putAll(
      links.map((l) => ({ key: `${this.root}/links/${l.destDetectorId}/${l.srcDetectorId}`, value: JSON.stringify({ max_seconds: l.maxSeconds }) })),
      false,
    );
  }

  async listLinks(destDetectorId?: string): Promise<DetectorLink[]> {
    const prefix = destDetectorId === undefined ? `${this.root}/links/` : `${this.root}/links/${destDetectorId}/`;
    const kvs = await this.readPrefix(prefix);
    const links: DetectorLink[] = [];
    for (const kv of kvs) {
      const [dest, src] = kv.key.toString().slice(`${this.root}/links/`.length).split('/');
      const maxSeconds = Number((parseJson(kv.value.toString()) as { max_seconds?: unknown } | undefined)?.max_seconds);
      if (dest && src && Number.isFinite(maxSeconds)) links.push({ destDetectorId: dest, srcDetectorId: src, maxSeconds });
    }
    return links;
  }

  async putCoordinates(c: DetectorCoordinates): Promise<void> {
    await this.call(() => this.etcd.put(`${this.root}/coordinates/${c.detectorId}`).value(JSON.stringify({ latitude: c.latitude, longitude: c.longitude })).exec());
  }

  async getCoordinates(detectorId: string): Promise<DetectorCoordinates | undefined> {
    const raw = await this.call(() => this.etcd.get(`${this.root}/coordinates/${detectorId}`).string());
    const parsed = raw === null ? undefined : (parseJson(raw) as { latitude?: number; longitude?: number } | undefined);
    return parsed ? { detectorId, latitude: Number(parsed.latitude), longitude: Number(parsed.longitude) } : undefined;
  }

  async appendStatus(report: DetectorStatusReport): Promise<void> {
    const key = `${this.root}/status/${report.detectorId}/${bucketOf(report.timeNs)}/${ulid(Number(report.timeNs / 1_000_000n))}`;
    const value = JSON.stringify({
      Timestamp: '__TS__',
      battery_voltage: report.batteryVoltage,
      active_detectors: report.activeDetectors,
      detection_count: report.detectionCount,
    }).replace('"__TS__"', report.timeNs.toString());
    await this.putAll([{ key, value }], true);
  }

  async findStatuses(detectorId: string, range: TimeRange, limit: number): Promise<DetectorStatusReport[]> {
    return this.walkNewestFirst(`${this.root}/status/${detectorId}/`, range, limit, (kv) => decodeStatus(detectorId, kv), (a, b) => (a.timeNs === b.timeNs ? 0 : a.timeNs > b.timeNs ? -1 : 1));
  }

  async putTravelTimes(results: readonly TravelTime[]): Promise<void> {
    await this.putAll(
      results.map((r) => ({ key: `${this.root}/traveltimes/${r.destDetectorId}/${r.srcDetectorId}`, value: JSON.stringify(r) })),
      false,
    );
  }

  async getTravelTime(srcDetectorId: string, destDetectorId: string): Promise<TravelTime | undefined> {
    const raw = await this.call(() => this.etcd.get(`${this.root}/traveltimes/${destDetectorId}/${srcDetectorId}`).string());
    return raw === null ? undefined : (parseJson(raw) as TravelTime | undefined);
  }

  async listTravelTimes(destDetectorId?: string): Promise<TravelTime[]> {
    const prefix = destDetectorId === undefined ? `${this.root}/traveltimes/` : `${this.root}/traveltimes/${destDetectorId}/`;
    return (await this.readPrefix(prefix)).map((kv) => parseJson(kv.value.toString()) as TravelTime | undefined).filter((r): r is TravelTime => r !== undefined);
  }

  private detectorBase(detectorId: string): string {
    return `${this.root}/detectors/${detectorId}/`;
  }

  /** Every key under a prefix, in key order, page by page. */
  private async readPrefix(prefix: string): Promise<IKeyValue[]> {
    return this.readRange(prefix, prefixEnd(prefix));
  }

  private async readRange(start: string, end: string): Promise<IKeyValue[]> {
    const all: IKeyValue[] = [];
    let from = start;
    for (;;) {
      const { kvs } = await this.call(() => this.etcd.getAll().inRange({ start: from, end }).limit(PAGE).exec());
      all.push(...kvs);
      if (kvs.length < PAGE) return all;
      from = `${kvs[kvs.length - 1].key.toString()}\u0000`;
    }
  }

  /**
   * Newest first without asking etcd to sort (a sorted range makes etcd read the whole range before applying the
   * limit): windows of buckets walked back in time, each counted first (empty windows double the next one's width,
   * windows far denser than the limit needs are narrowed) and read in natural key order, until the limit is met or
   * the range is exhausted or nothing older is stored.
   */
  private async walkNewestFirst<T extends { timeNs: bigint }>(base: string, range: TimeRange, limit: number, decode: (kv: IKeyValue) => T | undefined, order: (a: T, b: T) => number): Promise<T[]> {
    const low = range.afterNs === undefined ? 0 : bucketOf(range.afterNs);
    let latest: number;
    if (range.beforeNs !== undefined) latest = bucketOf(range.beforeNs);
    else {
      // Usually nothing is stamped after now: one count tells, and the walk then starts at now's bucket.
      const nowBucket = bucketOf(BigInt(Date.now()) * 1_000_000n);
      const future = await this.call(() => this.etcd.getAll().inRange({ start: `${base}${nowBucket + BUCKET_SECONDS}/`, end: prefixEnd(base) }).count());
      latest = future === 0 ? nowBucket : bucketOf(BigInt(Date.now() + 86_400_000) * 1_000_000n);
    }
    let high = latest + BUCKET_SECONDS; // exclusive
    let span = 1;
    const found: T[] = [];
    while (high > low) {
      const from = Math.max(low, high - span * BUCKET_SECONDS);
      const start = `${base}${from}/`;
      const end = `${base}${high}/`;
      const count = await this.call(() => this.etcd.getAll().inRange({ start, end }).count());
      if (count === 0) {
        // Nothing in this window. After a long empty stretch, stop if nothing older is stored at all. Not asked up
        // front or after every empty window: etcd 3.4 walks every key of a range even under a limit, so on a busy
        // detector "is there anything older" costs tens of ms, while counting an empty window costs ~1 ms.
        if (span >= EMPTY_SPAN_BEFORE_OLDER_CHECK && (await this.call(() => this.etcd.getAll().inRange({ start: base, end: start }).count())) === 0) break;
        high = from;
        span = Math.min(span * 2, MAX_SPAN_BUCKETS);
        continue;
      }
      // A dense window much larger than needed: narrow it towards the newest buckets before reading values.
      if (limit > 0 && count > (limit - found.length) * 4 && span > 1) {
        span = Math.max(1, Math.floor(span / 4));
        continue;
      }
      const window = (await this.readRange(start, end)).map(decode).filter((d): d is T => d !== undefined && inRange(d.timeNs, range));
      window.sort(order);
      found.push(...window);
      if (limit > 0 && found.length >= limit) return found.slice(0, limit);
      high = from;
      span = Math.min(span * 2, MAX_SPAN_BUCKETS);
    }
    return found;
  }

  /** Writes key/values in transactions of ≤ 128 puts; all or nothing: a failure deletes what the call already wrote. */
  private async putAll(puts: ReadonlyArray<{ key: string; value: string }>, leased: boolean): Promise<void> {
    if (puts.length === 0) return;
    const lease = leased ? await this.leaseId() : undefined;
    const chunks: Array<Array<{ key: string; value: string }>> = [];
    for (let i = 0; i < puts.length; i += MAX_TXN_OPS) chunks.push(puts.slice(i, i + MAX_TXN_OPS));
    const written: string[][] = [];
    let failure: unknown;
    let next = 0;
    const runOne = async (): Promise<void> => {
      while (failure === undefined && next < chunks.length) {
        const chunk = chunks[next++];
        try {
          await this.txnPut(chunk, lease);
          written.push(chunk.map((p) => p.key));
        } catch (error) {
          failure ??= error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(TXN_CONCURRENCY, chunks.length) }, runOne));
    if (failure === undefined) return;
    if (failure instanceof EtcdLeaseInvalidError) this.lease = undefined;
    await Promise.all(written.map((keys) => this.etcd.kv.txn({ success: keys.map((key) => ({ request_delete_range: { key: Buffer.from(key) } })) }).catch(() => undefined)));
    throw isDomainError(failure) ? failure : storeUnavailable(failure);
  }

  private async txnPut(chunk: ReadonlyArray<{ key: string; value: string }>, lease: string | undefined): Promise<void> {
    await this.etcd.kv.txn({
      success: chunk.map((p) => ({ request_put: { key: Buffer.from(p.key), value: Buffer.from(p.value), ...(lease === undefined ? {} : { lease }) } })),
    });
  }

  /** The retention lease, granted once per LEASE_REUSE_SECONDS and shared by every write meanwhile. */
  private async leaseId(): Promise<string> {
    const now = Date.now();
    if (this.lease && now < this.lease.renewAt) return this.lease.id;
    this.granting ??= (async () => {
      try {
        const lease = this.etcd.lease(this.options.retentionSeconds + LEASE_REUSE_SECONDS, { autoKeepAlive: false });
        lease.on('lost', () => undefined);
        const id = await this.call(() => lease.grant());
        this.lease = { id, renewAt: Date.now() + LEASE_REUSE_SECONDS * 1000 };
        return id;
      } finally {
        this.granting = undefined;
      }
    })();
    return this.granting;
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw isDomainError(error) ? error : storeUnavailable(error);
    }
  }
}

function bucketOf(timeNs: bigint): number {
  const seconds = Number(timeNs / 1_000_000_000n);
  return seconds - (seconds % BUCKET_SECONDS);
}

function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const TIMESTAMP = /"timestamp"\s*:\s*"?(\d{1,20})"?/i;
const DEVICE = /"device"\s*:\s*"([a-z]+)"/i;

/** Reads Junction's values and the original server's (`{"timestamp": "<ns>"}`, no device type). */
function decodeDetection(detectorId: string, kv: IKeyValue): Detection | undefined {
  const key = kv.key.toString();
  const name = key.slice(key.lastIndexOf('/') + 1);
  const dot = name.indexOf('.');
  if (dot < 0) return undefined;
  const raw = kv.value.toString();
  const json = raw.startsWith('{') ? raw : Buffer.from(raw, 'base64').toString();
  const ts = TIMESTAMP.exec(json);
  if (!ts) return undefined;
  const device = DEVICE.exec(json)?.[1]?.toLowerCase();
  return {
    detectorId,
    deviceId: name.slice(dot + 1),
    deviceType: DEVICE_TYPES.includes(device as never) ? (device as Detection['deviceType']) : 'unknown',
    timeNs: BigInt(ts[1]),
  };
}

function decodeStatus(detectorId: string, kv: IKeyValue): DetectorStatusReport | undefined {
  const raw = kv.value.toString();
  const ts = TIMESTAMP.exec(raw);
  const parsed = parseJson(raw) as Partial<DetectorStatusReport> & { battery_voltage?: number; active_detectors?: DetectorStatusReport['activeDetectors']; detection_count?: Record<string, number> } | undefined;
  if (!ts || !parsed) return undefined;
  return {
    detectorId,
    timeNs: BigInt(ts[1]),
    batteryVoltage: Number(parsed.battery_voltage ?? 0),
    activeDetectors: parsed.active_detectors ?? [],
    detectionCount: parsed.detection_count ?? {},
  };
}
