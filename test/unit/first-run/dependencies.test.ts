import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  dependencyProblems,
  installArgs,
  npmCommand,
  type DependencyState,
} from '../../../bin/dependencies.js';

const PACKAGE_JSON = {
  dependencies: { tsx: '^4.23.15', express: '^5.3.0' },
  devDependencies: { vite: '^8.3.8' },
};
const LOCKFILE = {
  packages: {
    '': {},
    'node_modules/tsx': { version: '4.23.15' },
    'node_modules/express': { version: '5.3.0' },
    'node_modules/vite': { version: '8.3.8' },
  },
};

function state(installed: Record<string, string>, overrides: Partial<DependencyState> = {}): DependencyState {
  return {
    packageJson: PACKAGE_JSON,
    lockfile: LOCKFILE,
    hiddenLockfile: true,
    installedVersion: (name) => installed[name],
    ...overrides,
  };
}

const ALL = { tsx: '4.23.15', express: '5.3.0', vite: '8.3.8' };

describe('dependency preflight (npm start, npm test, npx cks-lab)', () => {
  it('finds nothing to do when every direct dependency is installed at the locked version', () => {
    assert.deepEqual(dependencyProblems(state(ALL)), []);
  });

  it('installs on a fresh clone (no node_modules/.package-lock.json: npm never ran or did not finish)', () => {
    assert.deepEqual(dependencyProblems(state(ALL, { hiddenLockfile: false })), [
      'node_modules is missing or was not installed completely',
    ]);
  });

  it('names a missing dependency and one at another version than the lockfile pins (after a pull)', () => {
    assert.deepEqual(dependencyProblems(state({ express: '5.3.0', vite: '8.2.0' })), [
      'tsx is not installed',
      'vite 8.2.0 is installed, package-lock.json pins 8.3.8',
    ]);
  });

  it('without a lockfile only checks that each dependency is there', () => {
    assert.deepEqual(dependencyProblems(state({ ...ALL, vite: '9.0.0' }, { lockfile: null })), []);
    assert.deepEqual(dependencyProblems(state({ tsx: '4.0.0' }, { lockfile: null })), [
      'express is not installed',
      'vite is not installed',
    ]);
  });

  it('runs npm ci with a lockfile, npm install without, never auditing or asking for funds', () => {
    assert.deepEqual(installArgs(true), ['ci', '--no-audit', '--no-fund']);
    assert.deepEqual(installArgs(false), ['install', '--no-audit', '--no-fund']);
  });

  it('uses the npm that runs the script (npm start/test) and npm from PATH otherwise', () => {
    assert.deepEqual(npmCommand({ npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js' }), [
      process.execPath,
      '/usr/lib/node_modules/npm/bin/npm-cli.js',
    ]);
    assert.deepEqual(npmCommand({}), ['npm']);
    assert.deepEqual(npmCommand({ npm_execpath: '/usr/lib/node_modules/pnpm/bin/pnpm.cjs' }), ['npm']);
  });
});
