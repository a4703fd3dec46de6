// One swc configuration for the two places TypeScript is compiled for the tests: @swc/jest (what
// jest loads itself) and test/support/compile-for-tests.ts (what is loaded by path: worker threads,
// child processes, migrations). It mirrors tsconfig.json: legacy decorators with their design-type
// metadata (Nest's injection, class-validator, the OpenAPI decorators), no define semantics for
// class fields, ES2022, CommonJS.
module.exports = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    target: 'es2022',
    keepClassNames: true,
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
  },
  module: { type: 'commonjs' },
  sourceMaps: true,
};
