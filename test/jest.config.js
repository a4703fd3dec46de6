// Tests are compiled by `npm run build` (tsc) and run from dist/, so the worker pool loads the
// same compiled worker file in tests as in production. Jest's module runtime cannot require()
// ES modules, so the few ESM-only dependencies are turned into CommonJS for it by babel.
const ESM_ONLY = [
  '@bjorn3/browser_wasi_shim',
  '@borewit/text-codec',
  '@tokenizer/inflate',
  'content-disposition',
  'cookie',
  'file-type',
  'strtok3',
  'token-types',
  'uint8array-extras',
];

module.exports = {
  rootDir: '..',
  testMatch: ['<rootDir>/dist/test/**/*.spec.js'],
  testEnvironment: 'node',
  testTimeout: 60000,
  maxWorkers: 2,
  transform: {
    'node_modules/.+\\.m?js$': ['babel-jest', { babelrc: false, configFile: false, plugins: ['@babel/plugin-transform-modules-commonjs'] }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`, '<rootDir>/dist/'],
};
