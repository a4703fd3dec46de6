import { bodyShapeFault, MAX_BODY_PROPERTIES, MAX_OBJECT_PROPERTIES } from '../../src/http/body-shape';
import { MAX_ENV } from '../../src/executions/guest-input';
import { MAX_FILES } from '../../src/executions/guest-files';
import { MAX_LISTED_ERRORS, validationProblem } from '../../src/http/validation-problem';

const wide = (properties: number) => Object.fromEntries(Array.from({ length: properties }, (_, i) => [`k${i}`, 1]));

describe('the shape of a body', () => {
  it('takes what the routes take', () => {
    expect(bodyShapeFault({ stdin: 'x', env: wide(MAX_ENV), files: wide(MAX_FILES), args: ['a'] })).toBeNull();
    expect(bodyShapeFault({ runs: Array.from({ length: 40 }, () => ({ env: wide(MAX_ENV) })) })).toBeNull();
    expect(bodyShapeFault(Buffer.alloc(10_000))).toBeNull();
  });

  it('leaves env and files past their own caps to their own, more precise answers', () => {
    expect(MAX_OBJECT_PROPERTIES).toBeGreaterThan(Math.max(MAX_ENV, MAX_FILES));
  });

  it('names the object that is too wide by its path', () => {
    expect(bodyShapeFault(wide(MAX_OBJECT_PROPERTIES + 1))).toEqual({ kind: 'object', field: '', properties: MAX_OBJECT_PROPERTIES + 1 });
    expect(bodyShapeFault({ env: wide(MAX_OBJECT_PROPERTIES) })).toBeNull();
    expect(bodyShapeFault({ runs: [{}, { files: wide(3000) }] })).toEqual({ kind: 'object', field: 'runs[1].files', properties: 3000 });
  });

  it('counts the properties of the whole body', () => {
    const runs = Array.from({ length: Math.ceil(MAX_BODY_PROPERTIES / 2000) + 1 }, () => ({ env: wide(2000) }));
    expect(bodyShapeFault({ runs })).toMatchObject({ kind: 'total' });
  });

  it('counts array elements too, before visiting any of them', () => {
    expect(bodyShapeFault({ args: new Array(MAX_BODY_PROPERTIES - 1).fill('a') })).toBeNull();
    expect(bodyShapeFault({ a: new Array(7_800_000).fill(0) })).toEqual({ kind: 'total', properties: 7_800_001 });
    expect(bodyShapeFault({ a: Array.from({ length: 60_000 }, () => ({})), b: Array.from({ length: 60_000 }, () => []) })).toMatchObject({ kind: 'total' });
  });

  it('names the top-level field under which a body nests too deep', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(bodyShapeFault({ stdin: 'x', runs: [{ args: deep }] }, 32)).toEqual({ kind: 'depth', field: 'runs' });
  });
});

describe('a validation problem of many fields', () => {
  it(`lists at most ${MAX_LISTED_ERRORS} of them and names the first ten in its detail`, () => {
    const errors = Array.from({ length: 500 }, (_, i) => ({ property: `k${i}`, constraints: { whitelistValidation: `property k${i} should not exist` }, children: [] }));
    const { detail, extensions } = validationProblem(errors);
    expect(extensions.errors).toHaveLength(MAX_LISTED_ERRORS);
    expect(detail).toMatch(/^Unexpected fields `k0`, .*`k9` and 490 more: /);
    // A wrong value among them makes it a validation problem, each field with its messages.
    const mixed = validationProblem([...errors, { property: 'args', constraints: { isArray: 'args must be an array' }, children: [] }]);
    expect(mixed.code).toBe('validation_failed');
    expect(mixed.detail).toMatch(/^k0: property k0 should not exist; .*k9: property k9 should not exist; and 491 more$/);
  });
});
