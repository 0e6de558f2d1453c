/** Feature toggles by name (true = enabled). A name never set counts as enabled. */
export abstract class FeatureToggleStore {
  abstract list(): Promise<Record<string, boolean>>;

  abstract set(name: string, enabled: boolean): Promise<void>;

  /** Calls `onChange` for every change made from now on (by any process); returns a function that stops watching. */
  abstract watch(onChange: (name: string, enabled: boolean | undefined) => void): Promise<() => Promise<void>>;
}
