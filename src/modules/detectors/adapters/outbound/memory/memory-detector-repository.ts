import type { Detection, DetectorCoordinates, DetectorLink, DetectorStatusReport, TimeRange, TravelTime } from '../../../domain';
import { inRange, newestFirst } from '../../../domain';
import { DetectorRepository } from '../../../ports';

/** The in-memory DetectorRepository (ADAPTERS=memory and unit tests). No retention: the process is short-lived. */
export class MemoryDetectorRepository extends DetectorRepository {
  private readonly detections = new Map<string, Detection[]>();
  private readonly sorted = new Set<string>();
  private readonly links = new Map<string, DetectorLink>();
  private readonly coordinates = new Map<string, DetectorCoordinates>();
  private readonly statuses = new Map<string, DetectorStatusReport[]>();
  private readonly travelTimes = new Map<string, TravelTime>();

  async appendDetections(detections: readonly Detection[]): Promise<void> {
    for (const d of detections) {
      const list = this.detections.get(d.detectorId) ?? [];
      list.push({ ...d });
      this.detections.set(d.detectorId, list);
      this.sorted.delete(d.detectorId);
    }
  }

  async findDetections(detectorId: string, range: TimeRange, limit: number): Promise<Detection[]> {
    const list = this.detections.get(detectorId) ?? [];
    if (!this.sorted.has(detectorId)) {
      list.sort(newestFirst);
      this.sorted.add(detectorId);
    }
    const found = list.filter((d) => inRange(d.timeNs, range));
    return (limit > 0 ? found.slice(0, limit) : found).map((d) => ({ ...d }));
  }

  async putLinks(links: readonly DetectorLink[]): Promise<void> {
    for (const l of links) this.links.set(`${l.destDetectorId}/${l.srcDetectorId}`, { ...l });
  }

  async listLinks(destDetectorId?: string): Promise<DetectorLink[]> {
    return [...this.links.values()]
      .filter((l) => destDetectorId === undefined || l.destDetectorId === destDetectorId)
      .sort((a, b) => compare(a.destDetectorId, b.destDetectorId) || compare(a.srcDetectorId, b.srcDetectorId))
      .map((l) => ({ ...l }));
  }

  async putCoordinates(coordinates: DetectorCoordinates): Promise<void> {
    this.coordinates.set(coordinates.detectorId, { ...coordinates });
  }

  async getCoordinates(detectorId: string): Promise<DetectorCoordinates | undefined> {
    const found = this.coordinates.get(detectorId);
    return found && { ...found };
  }

  async appendStatus(report: DetectorStatusReport): Promise<void> {
    const list = this.statuses.get(report.detectorId) ?? [];
    list.push(structuredClone(report));
    list.sort((a, b) => (a.timeNs === b.timeNs ? 0 : a.timeNs > b.timeNs ? -1 : 1));
    this.statuses.set(report.detectorId, list);
  }

  async findStatuses(detectorId: string, range: TimeRange, limit: number): Promise<DetectorStatusReport[]> {
    const found = (this.statuses.get(detectorId) ?? []).filter((s) => inRange(s.timeNs, range));
    return (limit > 0 ? found.slice(0, limit) : found).map((s) => structuredClone(s));
  }

  async putTravelTimes(results: readonly TravelTime[]): Promise<void> {
    for (const r of results) this.travelTimes.set(`${r.destDetectorId}/${r.srcDetectorId}`, { ...r });
  }

  async getTravelTime(srcDetectorId: string, destDetectorId: string): Promise<TravelTime | undefined> {
    const found = this.travelTimes.get(`${destDetectorId}/${srcDetectorId}`);
    return found && { ...found };
  }

  async listTravelTimes(destDetectorId?: string): Promise<TravelTime[]> {
    return [...this.travelTimes.values()]
      .filter((r) => destDetectorId === undefined || r.destDetectorId === destDetectorId)
      .sort((a, b) => compare(a.destDetectorId, b.destDetectorId) || compare(a.srcDetectorId, b.srcDetectorId))
      .map((r) => ({ ...r }));
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
