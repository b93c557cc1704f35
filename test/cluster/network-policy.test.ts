// NetworkPolicy is enforced in every lab cluster: real connections between pods (same node and across nodes) are
// blocked and allowed as the policies say — ingress and egress, pod and namespace selectors, ports and ipBlock.
// Clients use the preloaded busybox's wget (bookworm's 1.35 segfaulted on -T) and the nettools image's nc/curl.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CONTROL_PLANE_ALIAS, WORKER_ALIAS } from '../../server/clusters/kind/names.js';
import { clusterTier, figure, uniqueClusterName } from './support.js';

const tier = await clusterTier();

/** Long enough for a pod answer on a busy CI host, short enough that a blocked flow fails quickly. */
const CONNECT_SECONDS = 4;

describe('NetworkPolicy enforcement', { skip: tier ? false : 'cluster tier unavailable' }, () => {
  const cluster = uniqueClusterName('np');
  const controlPlane = `${cluster}-control-plane`;

  /** kubectl on the control-plane node as its admin, as a learner would run it. */
  const kubectl = async (args: string, input?: string) => {
    const result = await tier!.provider.exec(
      cluster,
      controlPlane,
      ['bash', '-c', `kubectl --kubeconfig /etc/kubernetes/admin.conf ${args}`],
      { input, timeoutMs: 120_000, allowFailure: true },
    );
    return result;
  };
  const apply = async (yaml: string) => {
    const result = await kubectl('apply -f -', yaml);
    assert.equal(result.exitCode, 0, `kubectl apply failed: ${result.stderr}`);
  };
  const podIp = async (namespace: string, name: string): Promise<string> => {
    const result = await kubectl(`get pod -n ${namespace} ${name} -o jsonpath='{.status.podIP}'`);
    assert.match(result.stdout, /^\d+\.\d+\.\d+\.\d+$/, `${namespace}/${name} has no IP: ${result.stderr}`);
    return result.stdout;
  };
  /** The body `from` gets for `url` (busybox wget, the exam's usual probe), or undefined when it gets nothing. */
  const fetchFrom = async (from: string, url: string): Promise<string | undefined> => {
    const [namespace, pod] = from.split('/');
    const result = await kubectl(`exec -n ${namespace} ${pod} -- wget -T ${CONNECT_SECONDS} -q -O - ${url}`);
    if (result.exitCode === 0) return result.stdout;
    // a crash of the probe itself (e.g. 139) must not pass for a blocked connection
    assert.equal(result.exitCode, 1, `${from} -> ${url}: wget exited ${result.exitCode}: ${result.stderr}`);
    return undefined;
  };
  /** Whether `from` gets the test page of `url`. */
  const reaches = async (from: string, url: string): Promise<boolean> => {
    const body = await fetchFrom(from, url);
    if (body !== undefined) assert.match(body, /^hello from /, `${from} -> ${url} answered something else`);
    return body !== undefined;
  };

  let webIp = '';
  let webWorkerIp = '';

  before(async () => {
    const started = Date.now();
    await tier!.provider.create(cluster, { nodes: 2, image: tier!.image, timeoutMs: 15 * 60_000 });
    figure('netpol_cluster_create_seconds', ((Date.now() - started) / 1000).toFixed(1));
    const server = (name: string, node: string, app: string) => `
apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: shop, labels: {app: ${app}}}
spec:
  nodeName: ${node}
  containers:
    - name: httpd
      image: busybox:1.37
      imagePullPolicy: Never
      command: [sh, -c, 'mkdir -p /www && echo "hello from ${name}" > /www/index.html && httpd -p 8080 -h /www && httpd -f -p 9090 -h /www']
`;
    const client = (name: string, namespace: string, node: string, labels: string) => `
apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: ${namespace}, labels: {${labels}}}
spec:
  nodeName: ${node}
  containers:
    - {name: sh, image: busybox:1.37, imagePullPolicy: Never, command: [sleep, '3600']}
`;
    await apply(`
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: shop}}
---
apiVersion: v1
kind: Namespace
metadata: {name: guests, labels: {team: guests}}
---
${server('web', CONTROL_PLANE_ALIAS, 'web')}
---
${server('web-worker', WORKER_ALIAS, 'web')}
---
${client('frontend', 'shop', CONTROL_PLANE_ALIAS, 'role: frontend')}
---
${client('intruder', 'shop', WORKER_ALIAS, 'role: intruder')}
---
${client('guest', 'guests', WORKER_ALIAS, 'role: guest')}
`);
    const ready = await kubectl('wait --for=condition=Ready pod --all -n shop --timeout=150s');
    assert.equal(ready.exitCode, 0, ready.stderr);
    const guests = await kubectl('wait --for=condition=Ready pod --all -n guests --timeout=150s');
    assert.equal(guests.exitCode, 0, guests.stderr);
    webIp = await podIp('shop', 'web');
    webWorkerIp = await podIp('shop', 'web-worker');
  });

  after(async () => {
    await tier?.provider.delete(cluster);
  });

  test('the enforcer runs on every node', async () => {
    const result = await kubectl(
      'get pods -n kube-system -l app=cks-lab-netpol -o jsonpath=\'{range .items[*]}{.spec.nodeName} {.status.phase}{"\\n"}{end}\'',
    );
    const lines = result.stdout.trim().split('\n').sort();
    assert.deepEqual(lines, [`${CONTROL_PLANE_ALIAS} Running`, `${WORKER_ALIAS} Running`], result.stderr);
  });

  test('without a policy every pod reaches the web pods, on the same node and across nodes', async () => {
    assert.equal(await reaches('shop/frontend', `http://${webIp}:8080/`), true);
    assert.equal(await reaches('shop/frontend', `http://${webWorkerIp}:8080/`), true);
    assert.equal(await reaches('guests/guest', `http://${webIp}:8080/`), true);
  });

  test('the stand-in cloud metadata service answers pods and the node, until an egress policy excepts it', async () => {
    const imds = 'http://169.254.169.254/latest/meta-data/iam/security-credentials/';
    assert.equal(await fetchFrom('shop/frontend', imds), 'cks-lab-node-role\n');
    assert.equal(await fetchFrom('shop/intruder', imds), 'cks-lab-node-role\n', 'from a pod on the worker');
    const fromNode = await tier!.provider.exec(cluster, controlPlane, [
      'curl',
      '-sf',
      '-m',
      '4',
      `${imds}cks-lab-node-role`,
    ]);
    assert.match(fromNode.stdout, /"AccessKeyId": "ASIACKSLABFAKEKEY000"/);

    await apply(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: no-metadata, namespace: shop}
spec:
  podSelector: {matchLabels: {role: intruder}}
  policyTypes: [Egress]
  egress:
    - to: [{ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}}]
`);
    let blocked = false;
    for (let attempt = 0; attempt < 10 && !blocked; attempt++)
      blocked = (await fetchFrom('shop/intruder', imds)) === undefined;
    assert.equal(blocked, true, 'the ipBlock except did not keep the intruder from the metadata address');
    assert.equal(await reaches('shop/intruder', `http://${webIp}:8080/`), true, 'other egress still flows');
    assert.equal(
      await fetchFrom('shop/frontend', imds),
      'cks-lab-node-role\n',
      'pods the policy does not select',
    );
    const removed = await kubectl('delete networkpolicy -n shop no-metadata');
    assert.equal(removed.exitCode, 0, removed.stderr);
  });

  test('default-deny ingress blocks, then podSelector + port and namespaceSelector allow exactly what they say', async () => {
    await apply(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny-ingress, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Ingress]
`);
    const deniedAt = Date.now();
    // the enforcer syncs on the policy event; give it a few seconds rather than failing on the first probe
    let blocked = false;
    for (let attempt = 0; attempt < 10 && !blocked; attempt++)
      blocked = !(await reaches('shop/frontend', `http://${webIp}:8080/`));
    assert.equal(blocked, true, 'default-deny did not block frontend -> web');
    figure('netpol_deny_effective_seconds', ((Date.now() - deniedAt) / 1000).toFixed(1));
    assert.equal(await reaches('shop/frontend', `http://${webWorkerIp}:8080/`), false, 'across nodes');
    assert.equal(await reaches('guests/guest', `http://${webIp}:8080/`), false, 'from another namespace');

    await apply(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-from-frontend, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress]
  ingress:
    - from: [{podSelector: {matchLabels: {role: frontend}}}]
      ports: [{protocol: TCP, port: 8080}]
    - from: [{namespaceSelector: {matchLabels: {team: guests}}}]
      ports: [{protocol: TCP, port: 9090}]
`);
    let allowed = false;
    for (let attempt = 0; attempt < 10 && !allowed; attempt++)
      allowed = await reaches('shop/frontend', `http://${webIp}:8080/`);
    assert.equal(allowed, true, 'frontend -> web:8080 stays blocked after the allow policy');
    assert.equal(await reaches('shop/frontend', `http://${webWorkerIp}:8080/`), true, 'across nodes');
    assert.equal(
      await reaches('shop/frontend', `http://${webIp}:9090/`),
      false,
      'a port the rule does not name',
    );
    assert.equal(
      await reaches('shop/intruder', `http://${webIp}:8080/`),
      false,
      'a pod the rule does not select',
    );
    assert.equal(
      await reaches('guests/guest', `http://${webIp}:9090/`),
      true,
      'the namespace the rule selects',
    );
    assert.equal(
      await reaches('guests/guest', `http://${webIp}:8080/`),
      false,
      'that namespace on another port',
    );
  });

  test('egress: default-deny blocks the namespace, an ipBlock allows one destination', async () => {
    await apply(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny-egress, namespace: guests}
spec:
  podSelector: {}
  policyTypes: [Egress]
`);
    let blocked = false;
    for (let attempt = 0; attempt < 10 && !blocked; attempt++)
      blocked = !(await reaches('guests/guest', `http://${webIp}:9090/`));
    assert.equal(blocked, true, 'egress default-deny did not block guest -> web');

    await apply(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: guest-to-web-worker, namespace: guests}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to: [{ipBlock: {cidr: ${webWorkerIp}/32}}]
`);
    // web-worker's ingress (shop's policy) still allows guests on 9090 only
    let allowed = false;
    for (let attempt = 0; attempt < 10 && !allowed; attempt++)
      allowed = await reaches('guests/guest', `http://${webWorkerIp}:9090/`);
    assert.equal(allowed, true, 'the ipBlock destination stays blocked');
    assert.equal(
      await reaches('guests/guest', `http://${webIp}:9090/`),
      false,
      'a destination outside the ipBlock',
    );
  });

  test('the network-debug image has curl, nc and dig', async () => {
    await apply(`
apiVersion: v1
kind: Pod
metadata: {name: debug, namespace: default}
spec:
  containers:
    - {name: tools, image: cks-lab/nettools:1, imagePullPolicy: Never, command: [sleep, '3600']}
`);
    const ready = await kubectl('wait --for=condition=Ready pod/debug --timeout=120s');
    assert.equal(ready.exitCode, 0, ready.stderr);
    const tools = await kubectl(
      'exec debug -- sh -c "curl --version | head -1 && nc -h 2>&1 | head -1 && dig -v 2>&1 && nslookup -version 2>&1 | head -1"',
    );
    assert.equal(tools.exitCode, 0, tools.stderr);
    assert.match(tools.stdout, /^curl \d/m);
    assert.match(tools.stdout, /DiG \d/);
    // CI once saw the kube-dns Service refuse (no ready endpoint) for an instant: retry within a deadline, and if
    // DNS never answers, say what the cluster looked like
    const lookup = () => kubectl('exec debug -- dig +short +time=3 kubernetes.default.svc.cluster.local');
    const answered = (result: { stdout: string }) => /^10\.96\.0\.1$/.test(result.stdout.trim());
    const deadline = Date.now() + 20_000;
    let dns = await lookup();
    while (!answered(dns) && Date.now() < deadline) dns = await lookup();
    if (!answered(dns)) {
      // say where the lookup went and what the cluster had for DNS at that moment
      const state = await Promise.all(
        [
          'get pods -A -o wide',
          'get networkpolicies -A',
          'get endpointslices -n kube-system -l kubernetes.io/service-name=kube-dns -o yaml',
          'get events -A --sort-by=.lastTimestamp',
        ].map(async (args) => (await kubectl(args)).stdout),
      );
      assert.fail(`cluster DNS through dig: ${dns.stdout}${dns.stderr}\n${state.join('\n')}`);
    }
  });
});
