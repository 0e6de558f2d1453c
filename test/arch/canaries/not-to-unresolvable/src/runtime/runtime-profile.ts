export interface RuntimeProfile {
  modules: string[];
}
