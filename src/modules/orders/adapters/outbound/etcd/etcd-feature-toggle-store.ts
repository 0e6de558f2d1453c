import type { Etcd3, Watcher } from 'etcd3';
import { FeatureToggleStore } from '../../../ports/feature-toggle-store';

/** Feature toggles in etcd under `<prefix><name>` = "true" | "false", watched so every process follows changes live. */
export class EtcdFeatureToggleStore extends FeatureToggleStore {
  constructor(
    private readonly etcd: Etcd3,
    private readonly prefix: string,
  ) {
    super();
  }

  async list(): Promise<Record<string, boolean>> {
    const all = await this.etcd.getAll().prefix(this.prefix).strings();
    const out: Record<string, boolean> = {};
    for (const [key, value] of Object.entries(all)) {
      const parsed = parse(value);
      if (parsed !== undefined) out[key.slice(this.prefix.length)] = parsed;
    }
    return out;
  }

  async set(name: string, enabled: boolean): Promise<void> {
    await this.etcd.put(this.prefix + name).value(String(enabled));
  }

  async watch(onChange: (name: string, enabled: boolean | undefined) => void): Promise<() => Promise<void>> {
    const watcher: Watcher = await this.etcd.watch().prefix(this.prefix).create();
    watcher.on('put', (kv) => onChange(kv.key.toString().slice(this.prefix.length), parse(kv.value.toString())));
    watcher.on('delete', (kv) => onChange(kv.key.toString().slice(this.prefix.length), undefined));
    // etcd3 reconnects watches by itself; an unheard 'error' would crash the process.
    watcher.on('error', () => undefined);
    return () => watcher.cancel().catch(() => undefined);
  }
}

function parse(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (v === 'true' || v === '1' || v === 'on') return true;
  if (v === 'false' || v === '0' || v === 'off') return false;
  return undefined;
}
