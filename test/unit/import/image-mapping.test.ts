import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapImages } from '../../../server/import/image-mapping.js';

function mapped(content: Record<string, string | Buffer>) {
  const files = new Map(Object.entries(content));
  const mappings = mapImages(files);
  return { files, mappings: mappings.map((m) => `${m.from} → ${m.to} [${m.files.join(' ')}]`) };
}

describe('mapImages', () => {
  it('rewrites image: and --image references that have a stand-in, and their whole name:tag elsewhere', () => {
    const { files, mappings } = mapped({
      'pod.yaml': 'spec:\n  containers:\n    - name: web\n      image: "nginx:1.25"\n    - image: redis:7\n',
      'verify.sh':
        'kubectl get pod web -o jsonpath={.spec.containers[0].image} | grep -q nginx:1.25\nkubectl run c --image curlimages/curl -- -s web\n',
      'README.md': 'Run `kubectl run web --image=nginx:1.25` and look at docker.io/library/nginx:1.25.\n',
    });
    assert.deepEqual(mappings, [
      'curlimages/curl → cks-lab/curl:7.88 [verify.sh]',
      'nginx:1.25 → cks-lab/nginx:1.22 [pod.yaml README.md verify.sh]',
    ]);
    assert.equal(
      files.get('pod.yaml'),
      'spec:\n  containers:\n    - name: web\n      image: "cks-lab/nginx:1.22"\n    - image: redis:7\n',
    );
    assert.match(String(files.get('verify.sh')), /grep -q cks-lab\/nginx:1\.22\n/);
    assert.match(String(files.get('verify.sh')), /--image cks-lab\/curl:7\.88 -- -s web/);
    // a longer reference that only ends in the same text is not the same reference
    assert.match(String(files.get('README.md')), /docker\.io\/library\/nginx:1\.25\.$/m);
    assert.match(String(files.get('README.md')), /--image=cks-lab\/nginx:1\.22`/);
  });

  it('leaves digests, variables, other images and binary files alone', () => {
    const digest = `nginx@sha256:${'b'.repeat(64)}`;
    const binary = Buffer.from([0, 1, 2, ...Buffer.from('image: nginx:1.25')]);
    const { files, mappings } = mapped({
      'a.yaml': `image: ${digest}\nimage: $IMAGE\nimage: busybox:1.37\n`,
      'b.bin': binary,
    });
    assert.deepEqual(mappings, []);
    assert.equal(files.get('a.yaml'), `image: ${digest}\nimage: $IMAGE\nimage: busybox:1.37\n`);
    assert.equal(files.get('b.bin'), binary);
  });

  it('maps a text asset held as bytes, and writes it back as text', () => {
    const { files, mappings } = mapped({ 'web.yaml': Buffer.from('      image: httpd\n') });
    assert.deepEqual(mappings, ['httpd → cks-lab/httpd:2.4 [web.yaml]']);
    assert.equal(files.get('web.yaml'), '      image: cks-lab/httpd:2.4\n');
  });
});
