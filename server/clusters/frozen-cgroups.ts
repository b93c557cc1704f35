import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ifExists, readTextIfExists } from '../files/missing-ok.js';

/**
 * Where the kernel keeps a Docker container's freezer state: cgroup v1's freezer hierarchy or the v2 tree, under
 * Docker's cgroupfs (`docker/<id>`) or systemd (`system.slice/docker-<id>.scope`) layout.
 */
export function freezerRoots(containerId: string, cgroupRoot = '/sys/fs/cgroup'): string[] {
  const leaves = [`docker/${containerId}`, `system.slice/docker-${containerId}.scope`];
  return leaves.flatMap((leaf) => [join(cgroupRoot, 'freezer', leaf), join(cgroupRoot, leaf)]);
}

/**
 * Thaws every frozen cgroup below a container's cgroup and returns how many it thawed. Why: runc freezes a
 * container's cgroup while it signals or updates it; when the node's runc is killed between freeze and thaw (a
 * cluster deleted while a pod starts), cgroup v1 keeps those tasks frozen for good, SIGKILL does not reach them,
 * and Docker can no longer kill the node ("did not receive an exit event").
 */
export async function thawFrozenCgroups(roots: readonly string[]): Promise<number> {
  let thawed = 0;
  for (const root of roots) {
    for (const dir of await cgroupDirs(root)) {
      thawed += await thaw(join(dir, 'freezer.state'), 'FROZEN', 'THAWED');
      thawed += await thaw(join(dir, 'cgroup.freeze'), '1', '0');
    }
  }
  return thawed;
}

async function thaw(file: string, frozen: string, thawed: string): Promise<number> {
  const state = (await readTextIfExists(file))?.trim();
  // v1 reports FREEZING while it waits for tasks; writing THAWED ends that too
  if (state === undefined || (state !== frozen && !(frozen === 'FROZEN' && state === 'FREEZING'))) return 0;
  return (await ifExists(() => writeFile(file, thawed))) === null ? 0 : 1;
}

/** The cgroup and every cgroup below it; none when it does not exist. */
async function cgroupDirs(root: string): Promise<string[]> {
  const entries = await ifExists(() => readdir(root, { recursive: true, withFileTypes: true }));
  if (entries === null) return [];
  return [root, ...entries.filter((e) => e.isDirectory()).map((e) => join(e.parentPath, e.name))];
}
