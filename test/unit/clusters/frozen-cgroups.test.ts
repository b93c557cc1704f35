import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { freezerRoots, thawFrozenCgroups } from '../../../server/clusters/frozen-cgroups.js';

const root = await mkdtemp(join(tmpdir(), 'frozen-cgroups-'));
after(() => rm(root, { recursive: true, force: true }));
const id = 'a'.repeat(64);

async function cgroupFile(path: string, content: string): Promise<string> {
  const file = join(root, path);
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, `${content}\n`);
  return file;
}

test("thaws every frozen cgroup below a container's cgroup (v1 freezer and v2), and only those", async () => {
  const pod = 'kubelet.slice/kubepods.slice/pod1/cri-containerd-x.scope';
  const frozenV1 = await cgroupFile(`freezer/docker/${id}/${pod}/freezer.state`, 'FROZEN');
  const freezingV1 = await cgroupFile(`freezer/docker/${id}/kubelet.slice/freezer.state`, 'FREEZING');
  const thawedV1 = await cgroupFile(`freezer/docker/${id}/freezer.state`, 'THAWED');
  const frozenV2 = await cgroupFile(`system.slice/docker-${id}.scope/${pod}/cgroup.freeze`, '1');
  const otherContainer = await cgroupFile(`freezer/docker/${'b'.repeat(64)}/freezer.state`, 'FROZEN');

  assert.equal(await thawFrozenCgroups(freezerRoots(id, root)), 3);
  assert.equal((await readFile(frozenV1, 'utf8')).trim(), 'THAWED');
  assert.equal((await readFile(freezingV1, 'utf8')).trim(), 'THAWED');
  assert.equal((await readFile(thawedV1, 'utf8')).trim(), 'THAWED');
  assert.equal((await readFile(frozenV2, 'utf8')).trim(), '0');
  assert.equal((await readFile(otherContainer, 'utf8')).trim(), 'FROZEN', 'another container is left alone');
  assert.equal(await thawFrozenCgroups(freezerRoots(id, root)), 0, 'nothing left to thaw');
});

test('a container without a cgroup (already gone) thaws nothing', async () => {
  assert.equal(await thawFrozenCgroups(freezerRoots('c'.repeat(64), root)), 0);
});
