// Seven projects: unit (*.spec.ts, no servers), int (*.int-spec.ts, real servers), e2e (test/e2e, the app over
// HTTP with supertest), arch (dependency rules and their canaries), split (three
// built processes on loopback, `npm run test:split`), compat (test/compat: the original systems' clients' exact
// calls replayed against the app on memory adapters), faults (test/faults: fault scenarios on the cluster
// profile, `npm run test:faults`).
// ts-jest transpiles only (tsconfig's isolatedModules) (type checking is `npm run typecheck`), pure JavaScript so
// `npm ci` works on every platform, and decorator metadata is emitted so Nest's DI works in tests.
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }];

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': tsJest },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@libs/(kernel|contracts|messaging|platform|testing)$': '<rootDir>/libs/$1/src',
    '^@libs/(kernel|contracts|messaging|platform|testing)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.infra/'],
};

// Booting and draining a process with real Kafka consumers (group join, graceful stop) takes seconds on 2 cores.
const slow = { setupFilesAfterEnv: ['<rootDir>/test/support/slow-timeout.ts'] };

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{src,libs,scripts}/**/*.spec.ts'] },
    { ...common, ...slow, displayName: 'int', testMatch: ['<rootDir>/{src,libs,test}/**/*.int-spec.ts'] },
    { ...common, ...slow, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
    { ...common, displayName: 'arch', testMatch: ['<rootDir>/test/arch/**/*.spec.ts'] },
    { ...common, ...slow, displayName: 'split', testMatch: ['<rootDir>/test/split/**/*.split-spec.ts'] },
    // Fault scenarios on the cluster profile (3 etcd members, 3 Kafka brokers): `npm run test:faults`.
    { ...common, ...slow, displayName: 'faults', testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'] },
    { ...common, ...slow, displayName: 'compat', testMatch: ['<rootDir>/test/compat/**/*.compat-spec.ts'] },
  ],
};
