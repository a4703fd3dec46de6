import { UsageRecorder } from '../../src/usage/usage-recorder.service';
import { ENGINE_NAMES } from '../../workers/engines';
import { cFixture } from '../support/fixtures';
import { ExecuteFields, RUN_ROUTES, runThrough } from '../support/http';
import { call, startTestApp, TestApp } from '../support/test-app';

const clockRandom = { wasm: cFixture('clock-random'), wasmName: 'clock-random.wasm' };

/** Opt-in replayable runs (`clock: "fixed"`, `randomSeed`) on every engine and both run routes. */
describe.each(ENGINE_NAMES)('deterministic runs on the %s engine', (engine) => {
  let service: TestApp;
  let key: string;

  beforeAll(async () => {
    service = await startTestApp({ WORKER_THREADS: '2', WASI_ENGINE: engine });
    key = (await service.createKey('enterprise')).key;
  });
  afterAll(() => service.close());

  /** The execution record of `id`, once the recorder has written it. */
  const record = async (id: string) => {
    await service.app.get(UsageRecorder).flush();
    return (await call(service.url, 'GET', `/api/v1/executions/${id}`, key)).body;
  };

  describe.each(RUN_ROUTES)('through %s', (route) => {
    const run = (fields: Partial<ExecuteFields>) => runThrough(route, service.url, key, { ...clockRandom, ...fields });

    it('gives byte-identical stdout for the same request with clock "fixed" and randomSeed 42, another seed other bytes', async () => {
      const first = await run({ clock: 'fixed', randomSeed: 42 });
      const second = await run({ clock: 'fixed', randomSeed: 42 });
      const other = await run({ clock: 'fixed', randomSeed: 7 });
      for (const answer of [first, second, other]) expect(answer.body).toMatchObject({ status: 'success', exitCode: 0 });
      expect(first.body.stdout).toMatch(/^realtime: 1704067200\.000000000\n/);
      expect(second.body.stdout).toBe(first.body.stdout);
      expect(other.body.stdout).not.toBe(first.body.stdout);
      expect(other.body.stdout.split('random:')[0]).toBe(first.body.stdout.split('random:')[0]);
    });

    it('records the clock and the seed on the execution', async () => {
      const replayable = await run({ clock: 'fixed', randomSeed: 42 });
      const plain = await run({});
      expect(await record(replayable.body.id)).toMatchObject({ id: replayable.body.id, status: 'success', clock: 'fixed', randomSeed: 42 });
      expect(await record(plain.body.id)).toMatchObject({ id: plain.body.id, clock: 'real', randomSeed: null });
      const list = await call(service.url, 'GET', '/api/v1/executions?limit=5', key);
      expect(list.body.items.find((item: { id: string }) => item.id === replayable.body.id)).toMatchObject({ clock: 'fixed', randomSeed: 42 });
    });

    it('reads the host clock and random without them', async () => {
      const [first, second] = [await run({}), await run({})];
      expect(first.body.stdout).not.toMatch(/^realtime: 1704067200\./);
      expect(second.body.stdout).not.toBe(first.body.stdout);
    });

    it.each([
      [{ clock: 'frozen' }, 'invalid_clock', 'clock'],
      [{ randomSeed: 1.5 }, 'invalid_random_seed', 'randomSeed'],
      [{ randomSeed: 2 ** 53 }, 'invalid_random_seed', 'randomSeed'],
      [{ randomSeed: 'forty-two' }, 'invalid_random_seed', 'randomSeed'],
    ])('refuses %j with a 400 naming the field', async (fields, code, field) => {
      const { status, headers, body } = await run(fields);
      expect(status).toBe(400);
      expect(headers.get('content-type')).toContain('application/problem+json');
      expect(body).toMatchObject({ code, field });
      expect(body.detail).toContain(`\`${field}\``);
    });
  });
});

describe('deterministic run fields of the JSON route', () => {
  let service: TestApp;
  let key: string;

  beforeAll(async () => {
    service = await startTestApp({ WORKER_THREADS: '1' });
    key = (await service.createKey('enterprise')).key;
  });
  afterAll(() => service.close());

  it('takes a seed only as a JSON integer', async () => {
    const route = 'POST /api/v1/modules/:id/executions';
    const text = await runThrough(route, service.url, key, { ...clockRandom, randomSeed: '42' });
    expect(text.status).toBe(400);
    expect(text.body).toMatchObject({ code: 'invalid_random_seed', field: 'randomSeed' });
    const negative = await runThrough(route, service.url, key, { ...clockRandom, clock: 'fixed', randomSeed: -5 });
    expect(negative.body).toMatchObject({ status: 'success' });
  });
});
