import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadScenario } from '../../../server/scenarios/loader.js';

/** A minimal valid scenario whose solution is `steps`; `files` are written beside it. */
async function scenarioWith(
  root: string,
  id: string,
  steps: string,
  files: Record<string, string> = {},
  globalState?: string,
): Promise<string[]> {
  const dir = join(root, id);
  await mkdir(dir, { recursive: true });
  const declared = globalState ? `globalState: ${globalState}\n` : '';
  await writeFile(
    join(dir, 'scenario.yaml'),
    `id: ${id}
title: Fixture
domain: Cluster Hardening
difficulty: easy
minutes: 5
${declared}instructions: README.md
tasks:
  - id: one
    title: One
    instructions: Do it.
    checks:
      - id: ns
        kind: resource
        resource: { kind: Namespace, name: default }
solution:
${steps}`,
  );
  await writeFile(join(dir, 'README.md'), '# Fixture\n');
  for (const [file, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), text);
  }
  const { problems } = await loadScenario(dir);
  return problems.map((p) => `${p.field ?? ''}: ${p.message}`);
}

describe('lint: global state a scenario touches must be declared', () => {
  let root = '';
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'cks-global-state-'));
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('fails a script that edits the API server manifest, naming the file and the key to add', async () => {
    const problems = await scenarioWith(root, 'apiserver', '  - kind: script\n    file: solution/edit.sh\n', {
      'solution/edit.sh':
        "sed -i 's/--profiling=true/--profiling=false/' /etc/kubernetes/manifests/kube-apiserver.yaml\n",
    });
    assert.deepEqual(problems, [
      'solution[0].file: script solution/edit.sh mentions "manifests/kube-apiserver.yaml": add ' +
        '"kube-apiserver-manifest" to globalState (an exam keeps such scenarios apart)',
    ]);
  });

  it('passes the same scenario once it declares the key', async () => {
    const problems = await scenarioWith(
      root,
      'apiserver-declared',
      '  - kind: script\n    file: solution/edit.sh\n',
      { 'solution/edit.sh': 'vim /etc/kubernetes/manifests/kube-apiserver.yaml\n' },
      '[kube-apiserver-manifest]',
    );
    assert.deepEqual(problems, []);
  });

  it('fails a manifest with a cluster-scoped kind, and an inline manifest on the node network', async () => {
    const problems = await scenarioWith(
      root,
      'cluster-scoped',
      `  - kind: apply
    file: manifests/rbac.yaml
  - kind: apply
    manifest: |
      apiVersion: v1
      kind: Pod
      metadata: { name: sniffer, namespace: web }
      spec:
        hostNetwork: true
        containers: [{ name: c, image: busybox }]
`,
      {
        'manifests/rbac.yaml':
          'apiVersion: v1\nkind: Namespace\nmetadata: { name: web }\n---\n' +
          'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: { name: reader }\nrules: []\n',
      },
    );
    assert.deepEqual(problems, [
      'solution[0].file: manifest manifests/rbac.yaml has a ClusterRole (cluster-scoped): add "cluster-rbac" ' +
        'to globalState (an exam keeps such scenarios apart)',
      'solution[1].manifest: the inline manifest runs a pod with hostNetwork or hostPort: add ' +
        '"host-network-ports" to globalState (an exam keeps such scenarios apart)',
    ]);
  });

  it('checks copy targets and the text of copied scripts, and a RuntimeClass in a heredoc', async () => {
    const problems = await scenarioWith(
      root,
      'copies',
      `  - kind: copy
    from: files/config.yaml
    to: /var/lib/kubelet/config.yaml
  - kind: copy
    from: files/enable.sh
    to: /root/enable.sh
  - kind: script
    script: |
      kubectl apply -f - <<'YAML'
      apiVersion: node.k8s.io/v1
      kind: RuntimeClass
      metadata: { name: gvisor }
      handler: runsc
      YAML
`,
      {
        'files/config.yaml': 'kind: KubeletConfiguration\n',
        'files/enable.sh': 'echo "--encryption-provider-config=/etc/kubernetes/enc.yaml"\n',
      },
    );
    assert.deepEqual(
      problems.map((p) => p.replace(/: add .*/, '')),
      [
        'solution[0].to: the copy target is /var/lib/kubelet/config.yaml',
        'solution[1].from: copied file files/enable.sh mentions "--encryption-provider-config"',
        'solution[2].script: the inline script creates a RuntimeClass',
      ],
    );
  });

  it('ignores comments and paths that belong to the scenario alone', async () => {
    const problems = await scenarioWith(
      root,
      'private',
      '  - kind: script\n    file: solution/private.sh\n',
      {
        'solution/private.sh':
          '# never touches /etc/kubernetes/manifests/kube-apiserver.yaml\n' +
          'mkdir -p /opt/candidates /root/work\ncat /var/lib/kubelet/pki/kubelet.crt > /root/work/crt\n',
      },
    );
    assert.deepEqual(problems, []);
  });
});
