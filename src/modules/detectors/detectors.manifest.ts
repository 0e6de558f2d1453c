import type { ModuleManifest } from '@libs/platform';
import { DetectorsModule } from './detectors.module';

export const detectorsManifest: ModuleManifest = {
  name: 'detectors',
  summary: 'Detector events over gRPC into etcd, links, travel-time estimation, traffic simulator',
  provides: [],
  requires: [],
  publishes: [],
  consumes: [],
  grpc: [],
  infrastructure: ['etcd'],
  config: { owner: 'detectors', keys: [] },
  register: (options) => DetectorsModule.register(options),
};
