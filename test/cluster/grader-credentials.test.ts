// Issue 8 items 1 and 2 on one real 1-node cluster, the learner treated as hostile. (1) An exec credential plugin
// and a proxy planted in the node's admin.conf run nothing on this host, and deleting the admin user's binding does
// not stop grading: the server uses only the endpoint and client certificate captured at create. (2) A file a check
// reads, turned into a link to /dev/zero, gives an error verdict quickly while this process's memory stays bounded.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { pino } from 'pino';
import { checkSchema, gradeTasks } from '../../grader/index.js';
import { Deadline, pollUntil } from '../../server/clusters/kind/deadline.js';
import { publishedPort } from '../../server/clusters/kind/docker.js';
import { CONTROL_PLANE_ALIAS } from '../../server/clusters/kind/names.js';
import { findKind } from '../../server/clusters/kind-binary.js';
import { run } from '../../server/exec/run.js';
import { pathExists } from '../../server/files/missing-ok.js';
import {
  CredentialStore,
  UnsafeKubeconfigError,
  credentialsFromKubeconfig,
} from '../../server/kube/index.js';
import { graderContext, gradeScenario } from '../../server/scenarios/grade.js';
import { DEFAULT_SCENARIOS_DIR, loadScenarioArg } from '../../server/scenarios/loader.js';
import { connectToCluster } from '../../server/scenarios/target.js';
import { clusterTier, figure, uniqueClusterName } from './support.js';

const tier = await clusterTier();
const MIB = 1024 ** 2;
const logger = pino({ level: 'silent' });

describe('grader credentials and bounded output', { skip: tier ? false : 'cluster tier unavailable' }, () => {
  const name = uniqueClusterName('g');
  const node = `${name}-control-plane`;
  /** What the planted plugin would create on whichever machine runs it. */
  const marker = `/tmp/cks-lab-pwned-${randomBytes(6).toString('hex')}`;
  /** As the learner's root shell: bash on the control-plane node. */
  const inNode = (script: string) =>
    tier!.provider.exec(name, node, ['bash', '-euo', 'pipefail', '-c', script], { timeoutMs: 60_000 });

  before(async () => {
    await tier!.provider.create(name, { nodes: 1, image: tier!.image, timeoutMs: 15 * 60_000 });
  });

  after(async () => {
    await tier?.provider.delete(name);
    await rm(marker, { force: true });
  });

  test('create captured the endpoint (from Docker) and the grader certificate into a private store', async () => {
    const store = new CredentialStore();
    const file = `${store.dir}/${name}.json`;
    assert.equal((await stat(store.dir)).mode & 0o777, 0o700);
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    const credentials = await tier!.provider.credentials(name);
    const { host, port } = await publishedPort(node, '6443/tcp');
    assert.equal(credentials.server, `https://${host}:${port}`);
    const subject = await run(['openssl', 'x509', '-noout', '-subject'], { input: credentials.clientCert });
    assert.match(subject.stdout, /O ?= ?system:masters, CN ?= ?cks-lab-grader/);
  });

  test('an exec plugin and a proxy planted in admin.conf, and a deleted admin binding, do not reach the grader', async () => {
    // the learner takes the admin user's rights away (admin.conf is O=kubeadm:cluster-admins since 1.29) …
    await inNode(
      'kubectl --kubeconfig /etc/kubernetes/super-admin.conf delete clusterrolebinding kubeadm:cluster-admins',
    );
    const forbidden = await tier!.provider.exec(
      name,
      node,
      ['kubectl', '--kubeconfig', '/etc/kubernetes/admin.conf', 'get', 'pods', '-A'],
      { allowFailure: true },
    );
    assert.match(forbidden.stderr, /forbidden/i);
    // … and plants a credential plugin that would touch a marker on whatever machine loads admin.conf
    await inNode(
      [
        'kubectl --kubeconfig /etc/kubernetes/admin.conf config set-credentials kubernetes-admin',
        '--exec-api-version=client.authentication.k8s.io/v1',
        `--exec-command=/bin/sh --exec-arg=-c --exec-arg='touch ${marker}; exit 1'`,
        '&& kubectl --kubeconfig /etc/kubernetes/admin.conf config set-cluster',
        `"$(kubectl --kubeconfig /etc/kubernetes/admin.conf config view -o jsonpath='{.clusters[0].name}')"`,
        '--proxy-url=http://127.0.0.1:9',
      ].join(' '),
    );
    // the exploit is real: the node's admin.conf now carries both, and the validator refuses it
    const kind = await findKind();
    assert.ok(kind, 'kind binary');
    const planted = (await run([kind, 'get', 'kubeconfig', '--name', name])).stdout;
    assert.match(planted, /exec:/);
    assert.match(planted, /proxy-url:/);
    assert.throws(
      () => credentialsFromKubeconfig(planted),
      (error: unknown) => {
        assert.ok(error instanceof UnsafeKubeconfigError);
        assert.match(error.message, /users\[0\]\.user\.exec runs a credential plugin on this host/);
        assert.match(error.message, /clusters\[0\]\.cluster\.proxy-url sends API traffic through a proxy/);
        return true;
      },
    );

    // grading: API reads, a node file and a script, all through what create captured
    const target = await connectToCluster(tier!.provider, name, logger);
    const pods = (await target.kube.rest.get('/api/v1/namespaces/kube-system/pods')) as { items: unknown[] };
    assert.ok(pods.items.length > 0);
    const checks = [
      {
        id: 'apiserver',
        kind: 'resource',
        resource: { kind: 'Pod', namespace: 'kube-system', name: `kube-apiserver-${CONTROL_PLANE_ALIAS}` },
      },
      {
        id: 'rbac-gone',
        kind: 'resource',
        resource: {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'ClusterRoleBinding',
          name: 'kubeadm:cluster-admins',
        },
        expect: 'absent',
      },
      {
        id: 'manifest',
        kind: 'nodeFile',
        path: '/etc/kubernetes/manifests/kube-apiserver.yaml',
        yaml: [{ path: 'kind', equals: 'Pod' }],
      },
    ].map((check) => checkSchema.parse(check));
    const grade = await gradeTasks(
      [{ id: 't', title: 'grader still works', weight: 1, checks }],
      graderContext(target),
    );
    assert.deepEqual(
      grade.tasks[0]?.checks
        .map((c) => [c.id, c.status, c.message])
        .filter(([, status]) => status !== 'pass'),
      [],
    );
    assert.equal(await pathExists(marker), false, `the planted plugin ran on this host (${marker} exists)`);
  });

  test('a link to /dev/zero where a check reads a file gives an error verdict quickly, memory bounded', async () => {
    await inNode('mkdir -p /root/kubesec && ln -sf /dev/zero /root/kubesec/invoice-worker.yaml');
    const { scenario, problems } = await loadScenarioArg('kubesec-fix', DEFAULT_SCENARIOS_DIR);
    assert.ok(scenario, problems.map((p) => p.message).join('; '));
    const target = await connectToCluster(tier!.provider, name, logger);
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);
    const started = Date.now();
    const grade = await gradeScenario(scenario, target).finally(() => clearInterval(sampler));
    const seconds = (Date.now() - started) / 1000;
    const check = grade.tasks.flatMap((t) => t.checks).find((c) => c.id === 'manifest-same-workload');
    assert.equal(check?.status, 'error', check?.message);
    assert.match(
      check?.message ?? '',
      /the output of `cat -- \/root\/kubesec\/invoice-worker\.yaml` on node .* is larger than 4 MiB, more than cks-lab reads/,
    );
    figure('dev_zero_grade_seconds', seconds.toFixed(1));
    figure('dev_zero_grade_rss_delta_mib', ((rssPeak - rssBefore) / MIB).toFixed(0));
    assert.ok(seconds < 20, `graded in ${seconds}s`);
    assert.ok(rssPeak - rssBefore < 200 * MIB, `RSS grew by ${(rssPeak - rssBefore) / MIB} MiB`);
    // a nodeExec that never ends is cut the same way
    const endless = checkSchema.parse({ id: 'zero', kind: 'nodeExec', argv: ['cat', '/dev/zero'] });
    const zero = await gradeTasks(
      [{ id: 't', title: 'endless', weight: 1, checks: [endless] }],
      graderContext(target),
    );
    assert.equal(zero.tasks[0]?.checks[0]?.status, 'error');
    assert.match(
      zero.tasks[0]?.checks[0]?.message ?? '',
      /`cat \/dev\/zero` on node .* is larger than 4 MiB/,
    );
    // docker exec only detached from those cats; `timeout` in the node ends them once the check's time is up
    const cutAt = Date.now();
    await pollUntil('the cut-off cats to end in the node', Deadline.in(40_000), async () => {
      const left = await tier!.provider.exec(name, node, ['pgrep', '-a', '-x', 'cat'], {
        allowFailure: true,
      });
      if (left.stdout.trim()) throw new Error(`still running: ${left.stdout.trim()}`);
    });
    figure('dev_zero_cat_gone_after_seconds', ((Date.now() - cutAt) / 1000).toFixed(0));
  });
});
