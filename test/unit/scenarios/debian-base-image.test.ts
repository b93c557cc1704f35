import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePackageList } from '../../../server/scenarios/debian-base-image.js';

test('a package list is one name per line; comments and blank lines are ignored', () => {
  assert.deepEqual(
    parsePackageList('# the builder\nbuildah\n\n  containernetworking-plugins # virtual dep\n'),
    ['buildah', 'containernetworking-plugins'],
  );
});
