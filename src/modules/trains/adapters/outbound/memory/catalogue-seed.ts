import type { CatalogueSnapshot } from '../../../ports';
import type { Coach, Schedule } from '../../../domain';

/**
 * The seed catalogue. The first four stations (and their distance indexes) are the original's data; the rest is a
 * Bangladesh-like network. Migration 002_seed_catalogue.sql holds the same rows for PostgreSQL (a contract test
 * checks both adapters return the same catalogue).
 */
const STATIONS: Array<[code: string, name: string, distanceIndex: number]> = [
  ['DHK', 'Dhaka', 0],
  ['KHL', 'Khulna', 10],
  ['RAJ', 'Rajshahi', 25],
  ['CTG', 'Ctg', 40],
  ['SYL', 'Sylhet', 32],
  ['MYM', 'Mymensingh', 12],
  ['CXB', "Cox's Bazar", 55],
  ['CML', 'Cumilla', 18],
  ['JSR', 'Jashore', 14],
  ['RGP', 'Rangpur', 34],
  ['DNJ', 'Dinajpur', 38],
  ['BGR', 'Bogura', 21],
];

const INTERCITY: Coach[] = [
  { code: 'A', seatClass: 'AC', rows: 10, seatsPerRow: 4 },
  { code: 'B', seatClass: 'snigdha', rows: 12, seatsPerRow: 4 },
  { code: 'C', seatClass: 'shovan', rows: 15, seatsPerRow: 5 },
  { code: 'D', seatClass: 'shovan', rows: 15, seatsPerRow: 5 },
];
const COMMUTER: Coach[] = [
  { code: 'B', seatClass: 'snigdha', rows: 10, seatsPerRow: 4 },
  { code: 'C', seatClass: 'shovan', rows: 12, seatsPerRow: 5 },
];

const TRAINS: Array<[id: string, name: string, coaches: Coach[]]> = [
  ['701', 'Subarna Express', INTERCITY],
  ['702', 'Sonar Bangla Express', INTERCITY],
  ['725', 'Sundarban Express', INTERCITY],
  ['753', 'Silk City Express', INTERCITY],
  ['709', 'Parabat Express', INTERCITY],
  ['813', "Cox's Bazar Express", INTERCITY],
  ['771', 'Rangpur Express', COMMUTER],
  ['705', 'Ekota Express', COMMUTER],
  ['781', 'Kalni Express', COMMUTER],
  ['743', 'Brahmaputra Express', COMMUTER],
];

/** [schedule id, train, from, to, departure, duration minutes, stops as [station, offset minutes]] */
const SCHEDULES: Array<[string, string, string, string, string, number, Array<[string, number]>]> = [
  ['701', '701', 'DHK', 'CTG', '07:00', 330, [['CML', 150]]],
  ['702', '702', 'CTG', 'DHK', '07:00', 330, [['CML', 180]]],
  ['703', '701', 'CTG', 'DHK', '15:00', 330, [['CML', 180]]],
  ['704', '702', 'DHK', 'CTG', '17:00', 330, [['CML', 150]]],
  ['725', '725', 'DHK', 'KHL', '08:15', 480, [['JSR', 390]]],
  ['726', '725', 'KHL', 'DHK', '21:45', 480, [['JSR', 90]]],
  ['727', '725', 'DHK', 'KHL', '18:30', 480, [['JSR', 390]]],
  ['753', '753', 'DHK', 'RAJ', '14:45', 330, [['BGR', 240]]],
  ['754', '753', 'RAJ', 'DHK', '07:30', 330, [['BGR', 90]]],
  ['709', '709', 'DHK', 'SYL', '06:20', 420, []],
  ['710', '709', 'SYL', 'DHK', '15:45', 420, []],
  ['813', '813', 'DHK', 'CXB', '22:30', 540, [['CTG', 330]]],
  ['814', '813', 'CXB', 'DHK', '12:30', 540, [['CTG', 210]]],
  ['771', '771', 'DHK', 'RGP', '09:10', 540, [['BGR', 300]]],
  ['772', '771', 'RGP', 'DHK', '20:00', 540, [['BGR', 240]]],
  ['705', '705', 'DHK', 'DNJ', '10:00', 600, [['BGR', 300], ['RGP', 480]]],
  ['781', '781', 'DHK', 'MYM', '06:40', 180, []],
  ['782', '781', 'MYM', 'DHK', '13:30', 180, []],
  ['743', '743', 'KHL', 'RAJ', '06:00', 360, [['JSR', 60]]],
  ['744', '743', 'RAJ', 'KHL', '15:00', 360, [['JSR', 300]]],
  ['745', '743', 'CTG', 'SYL', '08:00', 480, [['CML', 120]]],
];

export function seedCatalogue(): CatalogueSnapshot {
  return {
    stations: STATIONS.map(([code, name, distanceIndex]) => ({ code, name, distanceIndex })),
    trains: TRAINS.map(([id, name, coaches]) => ({ id, name, coaches })),
    schedules: SCHEDULES.map(
      ([id, trainId, fromCode, toCode, departureTime, durationMinutes, stops]): Schedule => ({
        id,
        trainId,
        fromCode,
        toCode,
        departureTime,
        durationMinutes,
        stops: stops.map(([stationCode, offsetMinutes]) => ({ stationCode, offsetMinutes })),
      }),
    ),
  };
}
