// Types of dependencies.js for the unit tests (bin/ is plain JavaScript: it runs before node_modules exists).

export interface DependencyState {
  packageJson: { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  lockfile: { packages?: Record<string, { version?: string }> } | null;
  /** node_modules/.package-lock.json exists (npm writes it last). */
  hiddenLockfile: boolean;
  installedVersion: (name: string) => string | undefined;
}

export function dependencyProblems(state: DependencyState): string[];
export function installArgs(hasLockfile: boolean): string[];
export function npmCommand(env: NodeJS.ProcessEnv): string[];
export function ensureDependencies(repoRoot: string): boolean;
