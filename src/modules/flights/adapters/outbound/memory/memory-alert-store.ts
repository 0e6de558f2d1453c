import { Alert, AlertStore } from '../../../ports';

export class MemoryAlertStore extends AlertStore {
  private readonly alerts = new Map<string, Alert>();

  async record(alert: Alert): Promise<void> {
    if (!this.alerts.has(alert.id)) this.alerts.set(alert.id, { ...alert });
  }

  async forUser(email: string, limit: number): Promise<Alert[]> {
    return [...this.alerts.values()]
      .filter((a) => a.userEmail === email)
      .sort((a, b) => b.raisedAt.localeCompare(a.raisedAt) || a.id.localeCompare(b.id))
      .slice(0, limit)
      .map((a) => ({ ...a }));
  }

  async removeUser(email: string): Promise<void> {
    for (const [id, a] of this.alerts) if (a.userEmail === email) this.alerts.delete(id);
  }
}
