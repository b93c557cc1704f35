import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  COMMON_IMAGES,
  COMMON_IMAGES_DIR,
  commonImageByRef,
  repositoryOf,
  standInFor,
} from '../../../server/scenarios/common-images.js';

describe('common images', () => {
  it('stand in for the upstream repositories whatever the tag, never for a digest', () => {
    assert.equal(standInFor('nginx')?.ref, 'cks-lab/nginx:1.22');
    assert.equal(standInFor('nginx:1.25-alpine')?.ref, 'cks-lab/nginx:1.22');
    assert.equal(standInFor('docker.io/library/httpd:2.4')?.ref, 'cks-lab/httpd:2.4');
    assert.equal(standInFor('curlimages/curl:8.5.0')?.ref, 'cks-lab/curl:7.88');
    assert.equal(standInFor(`nginx@sha256:${'c'.repeat(64)}`), undefined);
    assert.equal(standInFor('bitnami/nginx:1.25'), undefined);
    assert.equal(standInFor('not a ref'), undefined);
  });

  it('are found by their own ref in a scenario', () => {
    assert.equal(commonImageByRef('cks-lab/curl:7.88')?.name, 'curl');
    assert.equal(commonImageByRef('docker.io/cks-lab/httpd:2.4')?.name, 'httpd');
    assert.equal(commonImageByRef('cks-lab/nginx:1.25'), undefined);
    assert.equal(repositoryOf('localhost:5000/team/app:1'), 'localhost:5000/team/app');
  });

  it('each has a build folder whose Dockerfile checks that the tag is the minor inside', async () => {
    for (const image of COMMON_IMAGES) {
      const dockerfile = await readFile(join(COMMON_IMAGES_DIR, image.name, 'Dockerfile'), 'utf8');
      const minor = image.ref.split(':')[1]!;
      assert.match(dockerfile, /^ARG DEBIAN_BASE$/m, image.name);
      assert.ok(dockerfile.includes(`case "$version" in ${minor}.*)`), `${image.name}: checks ${minor}`);
      assert.ok(dockerfile.includes(`org.opencontainers.image.version="${minor}"`), image.name);
      await readFile(join(COMMON_IMAGES_DIR, image.name, 'packages.txt'), 'utf8');
    }
  });
});
