/** Jest runs the TypeScript sources through swc, keeping decorator metadata. */
const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    target: 'es2022',
    keepClassNames: true,
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
  },
  module: { type: 'commonjs' },
};

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', swcOptions] },
  // @as-integrations/koa ships only ES modules; swc turns it into CommonJS for Jest.
  transformIgnorePatterns: ['/node_modules/(?!@as-integrations/)'],
  moduleNameMapper: {
    '^@as-integrations/koa$': '<rootDir>/node_modules/@as-integrations/koa/dist/index.js',
  },
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  setupFiles: ['<rootDir>/test/setup/per-file.ts'],
  testTimeout: 30000,
};
