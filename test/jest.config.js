// Tests run from the TypeScript sources, compiled on the fly by @swc/jest (no type check: that is
// `npm run build`, which `npm test` runs first). What the service loads by path — the worker
// pool's threads, the module-check threads, the embedded Postgres child, the migrations, the
// service as a child process — comes from dist/, which the global setup brings up to date for
// whatever changed since (see test/support/compile-for-tests.ts). Jest's module runtime cannot
// require() ES modules, so the few ESM-only dependencies (and the page's modules) are turned into CommonJS for it by babel.
const swcOptions = require('./swc-options');

const ESM_ONLY = [
  '@bjorn3/browser_wasi_shim',
  '@borewit/text-codec',
  '@tokenizer/inflate',
  'file-type',
  'request-filtering-agent',
  'strtok3',
  'token-types',
  'uint8array-extras',
];

module.exports = {
  rootDir: '..',
  roots: ['<rootDir>/test', '<rootDir>/src', '<rootDir>/workers'],
  testMatch: ['<rootDir>/test/**/*.spec.ts'],
  testEnvironment: 'node',
  // A budget for a test, not a measure of it (a test about time measures it itself): on a loaded
  // 2-core machine, starting services and databases alone can take a minute.
  testTimeout: 180_000,
  maxWorkers: 2,
  globalSetup: '<rootDir>/test/support/compile-for-tests.ts',
  transform: {
    '^.+\\.ts$': ['@swc/jest', swcOptions],
    // The page's own ES modules (public/js), for the unit tests of its pure helpers.
    '(node_modules|public/js)/.+\\.m?js$': ['babel-jest', { babelrc: false, configFile: false, plugins: ['@babel/plugin-transform-modules-commonjs'] }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};
