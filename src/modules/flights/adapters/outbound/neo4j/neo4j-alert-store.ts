import type { Driver } from 'neo4j-driver';
import { Alert, AlertStore } from '../../../ports';
import { runCypher } from './neo4j-tracing';

/** Alerts as `(:Alert {id, user_email, airport_code, message, raised_at})`, MERGEd on the event id. */
export class Neo4jAlertStore extends AlertStore {
  constructor(private readonly driver: Driver) {
    super();
  }

  async record(alert: Alert): Promise<void> {
    await runCypher(
      this.driver,
      'recordAlert',
      `MERGE (a:Alert {id: $id})
       ON CREATE SET a.user_email = $email, a.airport_code = $code, a.message = $message, a.raised_at = $at`,
      { id: alert.id, email: alert.userEmail, code: alert.airportCode, message: alert.message, at: alert.raisedAt },
      'write',
    );
  }

  async forUser(email: string, limit: number): Promise<Alert[]> {
    const { records } = await runCypher<{ id: string; code: string; message: string; at: string }>(
      this.driver,
      'alertsOf',
      `MATCH (a:Alert {user_email: $email})
       RETURN a.id AS id, a.airport_code AS code, a.message AS message, a.raised_at AS at ORDER BY at DESC, id LIMIT toInteger($limit)`,
      { email, limit },
      'read',
    );
    return records.map((r) => ({ id: r.id, userEmail: email, airportCode: r.code, message: r.message, raisedAt: r.at }));
  }

  async removeUser(email: string): Promise<void> {
    await runCypher(this.driver, 'removeAlerts', 'MATCH (a:Alert {user_email: $email}) DELETE a', { email }, 'write');
  }
}
