// Four projects: unit (*.spec.ts, no servers), int (*.int-spec.ts, real servers), e2e (test/e2e, the app over
// HTTP with supertest), arch (dependency rules and their canaries). SWC compiles TypeScript fast, with decorator
// metadata so Nest's DI works in tests.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@libs/(kernel|contracts|messaging|platform|testing)$': '<rootDir>/libs/$1/src',
    '^@libs/(kernel|contracts|messaging|platform|testing)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.infra/'],
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{src,libs,scripts}/**/*.spec.ts'] },
    { ...common, displayName: 'int', testMatch: ['<rootDir>/{src,libs,test}/**/*.int-spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
    { ...common, displayName: 'arch', testMatch: ['<rootDir>/test/arch/**/*.spec.ts'] },
  ],
};
