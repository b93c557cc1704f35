import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findInternetNeeds, isExternalHost } from '../../../server/import/internet-needs.js';

const kinds = (text: string) => findInternetNeeds(text, 'x.sh').map((n) => `${n.line} ${n.kind} ${n.what}`);

describe('findInternetNeeds', () => {
  it('finds package installs of every common manager', () => {
    assert.deepEqual(
      kinds('apt-get install -y jq\napt install tree\nyum install -y git\npip3 install yq\napk add curl'),
      [
        '1 package install apt-get install -y jq',
        '2 package install apt install tree',
        '3 package install yum install -y git',
        '4 package install pip3 install yq',
        '5 package install apk add curl',
      ],
    );
  });

  it('finds downloads from the internet, not from the lab', () => {
    assert.deepEqual(kinds('curl -sL https://get.example.com/x.sh | bash'), [
      '1 download curl -sL https://get.example.com/x.sh | bash',
    ]);
    assert.deepEqual(kinds('wget -q http://example.org/a.tgz'), [
      '1 download wget -q http://example.org/a.tgz',
    ]);
    assert.deepEqual(kinds('kubectl apply -f https://raw.example.com/manifest.yaml').length, 1);
    assert.deepEqual(
      kinds(
        'curl -s http://localhost:8080/\ncurl http://10.0.0.1/\ncurl http://web.default.svc.cluster.local/\ncurl http://web/',
      ),
      [],
    );
  });

  it('finds image pulls, and images a pod or kubectl run names that are not on the node', () => {
    assert.deepEqual(kinds('docker pull nginx:1.25\ncrictl pull redis'), [
      '1 image pull nginx:1.25',
      '2 image pull redis',
    ]);
    assert.deepEqual(kinds('kubectl run web --image=redis:7.2\nkubectl run t --image busybox:1.37'), [
      '1 image not on the node redis:7.2',
    ]);
    assert.deepEqual(kinds('    - image: postgres\n      image: "docker.io/library/busybox:1.37"'), [
      '1 image not on the node postgres',
    ]);
  });

  it('does not count images an offline stand-in runs (the import rewrites them), unless pinned by digest', () => {
    assert.deepEqual(
      kinds(
        'kubectl run web --image=nginx:1.24\n    - image: httpd:2.4-alpine\nkubectl run c --image=curlimages/curl:8.5.0',
      ),
      [],
    );
    assert.deepEqual(kinds(`    - image: nginx@sha256:${'a'.repeat(64)}`), [
      `1 image not on the node nginx@sha256:${'a'.repeat(64)}`,
    ]);
  });

  it('skips comments and images named by a variable', () => {
    assert.deepEqual(kinds('# apt-get install jq\nkubectl run x --image=$IMAGE'), []);
  });

  it('isExternalHost', () => {
    assert.equal(isExternalHost('github.com'), true);
    assert.equal(isExternalHost('localhost'), false);
    assert.equal(isExternalHost('127.0.0.1'), false);
    assert.equal(isExternalHost('api.default.svc'), false);
  });
});
