import type { ModuleManifest } from '@libs/platform';
import { DETECTORS_CONFIG } from './detectors.config';
import { DetectorsModule } from './detectors.module';

export const detectorsManifest: ModuleManifest = {
  name: 'detectors',
  summary: 'Detector events over gRPC into etcd, links, travel-time estimation, traffic simulator',
  provides: [],
  // Its REST routes are @Authenticated(): tokens are checked through the identity facade.
  requires: ['identity'],
  publishes: [],
  consumes: [],
  grpc: [
    { package: 'collector', protoFile: 'collector/collector.proto' },
    { package: 'query', protoFile: 'query/query.proto' },
    { package: 'detectors.v1', protoFile: 'detectors/v1/detectors.proto' },
  ],
  infrastructure: ['etcd'],
  config: DETECTORS_CONFIG,
  register: (options) => DetectorsModule.register(options),
};
