import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { parse } from 'yaml';
import { upgradeReleaseImages } from '../../../infra/kubernetes-release/upgrade-release.js';
import { version } from '../../../infra/node-image/offline/versions.js';
import { isReleaseImage } from '../../../server/scenarios/release-images.js';

test('the upgrade release is the next minor, with its control-plane images and the binaries image', () => {
  const node = version('KUBERNETES_VERSION').split('.');
  const next = version('UPGRADE_KUBERNETES_VERSION');
  assert.equal(
    next.split('.')[1],
    String(Number(node[1]) + 1),
    `${next} is one minor after ${node.join('.')}`,
  );
  assert.deepEqual(upgradeReleaseImages(), [
    `registry.k8s.io/kube-apiserver:${next}`,
    `registry.k8s.io/kube-controller-manager:${next}`,
    `registry.k8s.io/kube-scheduler:${next}`,
    `registry.k8s.io/kube-proxy:${next}`,
    `registry.k8s.io/etcd:${version('UPGRADE_ETCD_IMAGE_TAG')}`,
    `registry.k8s.io/coredns/coredns:${version('UPGRADE_COREDNS_VERSION')}`,
    `cks-lab/kubernetes-binaries:${next}`,
  ]);
});

test('release images are recognised in any spelling of their ref, and nothing else is', () => {
  const next = version('UPGRADE_KUBERNETES_VERSION');
  assert.ok(isReleaseImage(`registry.k8s.io/kube-apiserver:${next}`));
  assert.ok(isReleaseImage(`docker.io/cks-lab/kubernetes-binaries:${next}`));
  assert.ok(isReleaseImage(`cks-lab/kubernetes-binaries:${next}`));
  assert.ok(!isReleaseImage(`registry.k8s.io/kube-apiserver:${version('KUBERNETES_VERSION')}`));
  assert.ok(!isReleaseImage('busybox:1.37'));
  assert.ok(!isReleaseImage('not a ref'));
});

test('the kubeadm-upgrade scenario lists every image of the upgrade release', async () => {
  const spec = parse(await readFile('scenarios/kubeadm-upgrade/scenario.yaml', 'utf8')) as {
    images: string[];
  };
  const listed = spec.images.filter((image) => isReleaseImage(image));
  assert.equal(listed.length, upgradeReleaseImages().length);
});
