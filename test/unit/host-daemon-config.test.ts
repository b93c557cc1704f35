import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  CLAMP_INSTALL_PATH,
  CLAMP_RUNTIME_NAME,
  parseDaemonConfig,
  registerClampRuntime,
  withClampRuntime,
} from '../../infra/host/daemon-config.js';

const FILE = '/etc/docker/daemon.json';

test('the clamp is merged in, keeping every other setting and runtime', () => {
  const existing = { 'log-level': 'warn', runtimes: { runsc: { path: '/usr/bin/runsc' } } };
  const { config, changed } = withClampRuntime(existing, FILE);
  assert.equal(changed, true);
  assert.deepEqual(config, {
    'log-level': 'warn',
    runtimes: { runsc: { path: '/usr/bin/runsc' }, [CLAMP_RUNTIME_NAME]: { path: CLAMP_INSTALL_PATH } },
    'default-runtime': CLAMP_RUNTIME_NAME,
  });
  assert.equal(withClampRuntime(config, FILE).changed, false, 'a second merge changes nothing');
  assert.equal(withClampRuntime({ 'default-runtime': 'runc' }, FILE).changed, true);
});

test('another default runtime is not silently replaced', () => {
  assert.throws(
    () => withClampRuntime({ 'default-runtime': 'nvidia' }, FILE),
    /\/etc\/docker\/daemon.json: "default-runtime" is "nvidia"/,
  );
  assert.throws(() => withClampRuntime({ runtimes: [] }, FILE), /"runtimes" must be an object/);
});

test('invalid daemon.json is reported with file:line:column', () => {
  assert.throws(
    () => parseDaemonConfig('{\n  "debug": true,\n  oops\n}\n', FILE),
    /daemon\.json:3:3: invalid JSON/,
  );
  // where the parser gives no position, the file and the parser's own words still say what is wrong
  assert.throws(
    () => parseDaemonConfig('{"debug": }', FILE),
    /^Error: \/etc\/docker\/daemon\.json: invalid JSON \(Unexpected token/,
  );
  assert.throws(() => parseDaemonConfig('[1]', FILE), /must hold a JSON object/);
  assert.deepEqual(parseDaemonConfig('  \n', FILE), {});
});

test('registerClampRuntime writes once, then reports no change; a broken file is left as it was', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cks-lab-daemon-json-'));
  try {
    const file = join(dir, 'daemon.json');
    await writeFile(file, '{"debug": true}\n');
    assert.equal(await registerClampRuntime(file), true);
    const written = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    assert.equal(written.debug, true);
    assert.equal(written['default-runtime'], CLAMP_RUNTIME_NAME);
    assert.equal(await registerClampRuntime(file), false);

    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{"debug": true}\n}');
    await assert.rejects(registerClampRuntime(broken), /broken\.json:2:1: invalid JSON/);
    assert.equal(await readFile(broken, 'utf8'), '{"debug": true}\n}');

    const created = join(dir, 'new', 'daemon.json');
    assert.equal(await registerClampRuntime(created), true, 'a missing file is created');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
