import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { KubeConfig } from '@kubernetes/client-node';
import { gradeTasks } from '../../../grader/engine.js';
import { checkSchema } from '../../../grader/schema/check.js';
import type { GraderContext } from '../../../grader/types.js';
import { gradeCheck, localContext } from './support/context.js';

// The "node" is this machine: commands really run, files are real files in a temp dir.
const APISERVER_MANIFEST = `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
spec:
  containers:
    - name: kube-apiserver
      command:
        - kube-apiserver
        - --enable-admission-plugins=NodeRestriction,ImagePolicyWebhook
        - --admission-control-config-file=/etc/kubernetes/policy/admission.yaml
      volumeMounts:
        - { name: policy, mountPath: /etc/kubernetes/policy, readOnly: true }
  volumes:
    - name: policy
      hostPath: { path: /etc/kubernetes/policy, type: DirectoryOrCreate }
`;

describe('node checks (nodeExec, nodeFile, script)', () => {
  let dir: string;
  let ctx: GraderContext;
  let manifest: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cks-grader-'));
    manifest = join(dir, 'kube-apiserver.yaml');
    await writeFile(manifest, APISERVER_MANIFEST);
    await writeFile(join(dir, 'audit.log'), '{"verb":"get","user":"alice"}\n');
    ctx = localContext(new KubeConfig());
  });
  after(() => rm(dir, { recursive: true, force: true }));

  describe('nodeExec', () => {
    it('passes on the expected exit code and output', async () => {
      const result = await gradeCheck(
        { id: 'x', kind: 'nodeExec', argv: ['echo', 'runsc handler ok'], stdout: { contains: 'runsc' } },
        ctx,
      );
      assert.equal(result.status, 'pass');
      assert.equal(
        result.message,
        "`echo 'runsc handler ok'` on the control-plane node exited with 0: runsc handler ok",
      );
    });

    it('fails with the exit code and the command output', async () => {
      const result = await gradeCheck({ id: 'x', kind: 'nodeExec', argv: ['ls', join(dir, 'missing')] }, ctx);
      assert.equal(result.status, 'fail');
      assert.match(
        result.message,
        new RegExp(
          `^expected \`ls ${dir}/missing\` on the control-plane node to exit with 0, it exited with 2: ls: cannot access`,
        ),
      );
    });

    it('fails when stdout does not match', async () => {
      const result = await gradeCheck(
        { id: 'x', kind: 'nodeExec', argv: ['echo', 'runc'], stdout: { notContains: 'runc' } },
        ctx,
      );
      assert.equal(result.status, 'fail');
      assert.equal(
        result.message,
        'expected the stdout of `echo runc` on the control-plane node not to contain "runc", found: "runc"',
      );
    });

    it('is an error when the scenario asks for a worker the cluster lacks', async () => {
      const result = await gradeCheck({ id: 'x', kind: 'nodeExec', node: 'worker', argv: ['true'] }, ctx);
      assert.equal(result.status, 'error');
      assert.equal(result.message, 'this cluster has no worker node (the scenario needs "nodes: 2")');
    });
  });

  describe('nodeFile', () => {
    it('reads a file once per grading run however many checks look at it', async () => {
      const calls: string[] = [];
      const counting = localContext(new KubeConfig(), {
        nodeExec: async (node, argv, options) => {
          calls.push(argv.join(' '));
          return ctx.nodeExec(node, argv, options);
        },
      });
      const flag = (id: string, contains: string) =>
        checkSchema.parse({
          id,
          kind: 'nodeFile',
          path: manifest,
          yaml: [{ path: 'spec.containers[0].command', contains }],
        });
      const grade = await gradeTasks(
        [
          { id: 'a', title: 'a', weight: 1, checks: [flag('plugin', 'kube-apiserver')] },
          { id: 'b', title: 'b', weight: 1, checks: [flag('config', '--profiling=false')] },
        ],
        counting,
      );
      assert.deepEqual(calls, [`cat -- ${manifest}`]);
      assert.deepEqual(
        grade.tasks.map((t) => t.checks[0]?.status),
        ['pass', 'fail'],
      );
    });

    it('asserts values at a YAML path, arrays included', async () => {
      const result = await gradeCheck(
        {
          id: 'flags',
          kind: 'nodeFile',
          path: manifest,
          yaml: [
            {
              path: 'spec.containers[0].command',
              matches: '^--enable-admission-plugins=.*ImagePolicyWebhook',
            },
            {
              path: 'spec.containers[0].command',
              contains: '--admission-control-config-file=/etc/kubernetes/policy/admission.yaml',
            },
            { path: 'spec.volumes[?(@.name=="policy")].hostPath.path', equals: '/etc/kubernetes/policy' },
          ],
        },
        ctx,
      );
      assert.equal(result.status, 'pass', result.message);
    });

    it('fails naming the file, the path, the expectation and what was found', async () => {
      const result = await gradeCheck(
        {
          id: 'flags',
          kind: 'nodeFile',
          path: manifest,
          yaml: [{ path: 'spec.containers[0].command', contains: '--profiling=false' }],
        },
        ctx,
      );
      assert.equal(result.status, 'fail');
      assert.equal(
        result.message,
        `File ${manifest} on the control-plane node: expected spec.containers[0].command to contain "--profiling=false", ` +
          'found: ["kube-apiserver", "--enable-admission-plugins=NodeRestriction,ImagePolicyWebhook", ' +
          '"--admission-control-config-file=/etc/kubernetes/policy/admission.yaml"]',
      );
    });

    it('content regex and existence', async () => {
      const log = join(dir, 'audit.log');
      assert.equal(
        (
          await gradeCheck(
            { id: 'a', kind: 'nodeFile', path: log, content: { matches: '"user":"alice"' } },
            ctx,
          )
        ).status,
        'pass',
      );
      const wrong = await gradeCheck(
        { id: 'a', kind: 'nodeFile', path: log, content: { contains: 'bob' } },
        ctx,
      );
      assert.equal(
        wrong.message,
        `File ${log} on the control-plane node: expected the content to contain "bob", found: "{\\"verb\\":\\"get\\",\\"user\\":\\"alice\\"}"`,
      );
      const missing = await gradeCheck(
        { id: 'a', kind: 'nodeFile', path: join(dir, 'nope.yaml'), exists: true },
        ctx,
      );
      assert.equal(missing.status, 'fail');
      assert.equal(
        missing.message,
        `expected File ${dir}/nope.yaml on the control-plane node to exist, but it does not`,
      );
      assert.equal(
        (await gradeCheck({ id: 'a', kind: 'nodeFile', path: join(dir, 'nope.yaml'), exists: false }, ctx))
          .status,
        'pass',
      );
      const present = await gradeCheck({ id: 'a', kind: 'nodeFile', path: log, exists: false }, ctx);
      assert.equal(present.message, `expected ${log} on the control-plane node not to exist, but it does`);
    });

    it('a file that is not valid YAML fails with the parse problem', async () => {
      const broken = join(dir, 'broken.yaml');
      await writeFile(broken, 'spec: [unclosed\n');
      const result = await gradeCheck(
        { id: 'y', kind: 'nodeFile', path: broken, yaml: [{ path: 'spec', exists: true }] },
        ctx,
      );
      assert.equal(result.status, 'fail');
      assert.match(result.message, /: not valid YAML \(/);
    });
  });

  describe('script', () => {
    it('exit 0 passes and stdout becomes the message', async () => {
      const result = await gradeCheck({ id: 's', kind: 'script', script: 'echo "all good"; exit 0' }, ctx);
      assert.equal(result.status, 'pass');
      assert.equal(result.message, 'all good');
    });

    it('a non-zero exit fails with the script output', async () => {
      const result = await gradeCheck(
        {
          id: 's',
          kind: 'script',
          script: `grep -q profiling=false ${manifest} || { echo "profiling is still on"; exit 3; }`,
        },
        ctx,
      );
      assert.equal(result.status, 'fail');
      assert.equal(
        result.message,
        'verify script on the control-plane node exited with 3: profiling is still on',
      );
    });

    it('commands in the script that read stdin do not swallow the rest of it (as ssh would)', async () => {
      const result = await gradeCheck(
        {
          id: 's',
          kind: 'script',
          script: 'cat >/dev/null\nread -r line || echo "stdin is empty"\necho "the rest ran"',
        },
        ctx,
      );
      assert.equal(result.status, 'pass');
      assert.equal(result.message, 'stdin is empty\nthe rest ran');
    });

    it('a script that outlives its timeout is an error', async () => {
      // blocks in bash itself (a read on an idle pipe), so the killed process leaves no orphan behind
      const started = Date.now();
      const result = await gradeCheck(
        { id: 's', kind: 'script', script: 'exec 3<> <(:); read -t 30 -u 3 line', timeoutSeconds: 1 },
        ctx,
      );
      assert.equal(result.status, 'error');
      assert.match(result.message, /did not finish within 1s/);
      assert.ok(Date.now() - started < 5_000);
    });
  });
});
