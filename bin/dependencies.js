// First step of `npm start`, `npm test` and `npx cks-lab`: plain JavaScript without dependencies, because it runs
// before node_modules (tsx and the rest) may exist. Installs them when missing or stale, in a few ms otherwise.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, sep } from 'node:path';

const NPM_FLAGS = ['--no-audit', '--no-fund'];

/**
 * Why node_modules does not match what the checkout asks for (empty when it does): no hidden lockfile (npm never
 * finished), a direct dependency missing, or one at another version than package-lock.json pins.
 * @param {{ packageJson: object, lockfile: object | null, hiddenLockfile: boolean, installedVersion: (name: string) => string | undefined }} state
 * @returns {string[]}
 */
export function dependencyProblems(state) {
  const { packageJson, lockfile, hiddenLockfile, installedVersion } = state;
  if (!hiddenLockfile) return ['node_modules is missing or was not installed completely'];
  const names = Object.keys({ ...packageJson.dependencies, ...packageJson.devDependencies }).sort();
  const problems = [];
  for (const name of names) {
    const installed = installedVersion(name);
    const wanted = lockfile?.packages?.[`node_modules/${name}`]?.version;
    if (installed === undefined) problems.push(`${name} is not installed`);
    else if (wanted !== undefined && installed !== wanted)
      problems.push(`${name} ${installed} is installed, package-lock.json pins ${wanted}`);
  }
  return problems;
}

/**
 * npm's arguments: `ci` reproduces the lockfile exactly; without one there is nothing to reproduce.
 * @param {boolean} hasLockfile
 * @returns {string[]}
 */
export function installArgs(hasLockfile) {
  return [hasLockfile ? 'ci' : 'install', ...NPM_FLAGS];
}

/**
 * The npm that runs this script when there is one (npm start/test set npm_execpath), else npm from PATH.
 * @param {NodeJS.ProcessEnv} env
 * @returns {string[]}
 */
export function npmCommand(env) {
  const execPath = env.npm_execpath;
  return execPath && /^npm-cli\.[cm]?js$/.test(basename(execPath)) ? [process.execPath, execPath] : ['npm'];
}

/** @param {string} path */
function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/**
 * Looks at node_modules of the checkout at repoRoot and runs `npm ci` (or `npm install`) when it does not match.
 * A copy of cks-lab installed inside another project's node_modules is left alone: that project owns its tree.
 * @param {string} repoRoot
 * @returns {boolean} whether it installed
 */
export function ensureDependencies(repoRoot) {
  if (repoRoot.split(sep).includes('node_modules')) return false;
  const lockPath = join(repoRoot, 'package-lock.json');
  const hasLockfile = existsSync(lockPath);
  const modules = join(repoRoot, 'node_modules');
  const problems = dependencyProblems({
    packageJson: readJson(join(repoRoot, 'package.json')),
    lockfile: hasLockfile ? readJson(lockPath) : null,
    hiddenLockfile: existsSync(join(modules, '.package-lock.json')),
    installedVersion: (name) => {
      const manifest = join(modules, name, 'package.json');
      return existsSync(manifest) ? readJson(manifest).version : undefined;
    },
  });
  if (problems.length === 0) return false;
  const [command, ...prefix] = npmCommand(process.env);
  const args = [...prefix, ...installArgs(hasLockfile)];
  const shown = problems.length > 3 ? `${problems.slice(0, 3).join('; ')}; …` : problems.join('; ');
  console.log(`cks-lab: installing dependencies (${shown}): npm ${installArgs(hasLockfile).join(' ')}`);
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) {
    const why = result.error ? result.error.message : `exit code ${result.status}`;
    console.error(
      `cks-lab: npm ${installArgs(hasLockfile).join(' ')} failed (${why}); run it yourself and look at its output`,
    );
    process.exit(1);
  }
  return true;
}
