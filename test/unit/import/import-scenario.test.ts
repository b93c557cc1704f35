import assert from 'node:assert/strict';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { importScenarioFolder } from '../../../server/import/import-scenario.js';
import { loadScenario } from '../../../server/scenarios/loader.js';
import { FIXTURES, fixtureCopy, withTempDir } from './support.js';

interface Spec {
  id: string;
  nodes: number;
  tasks: { id: string; instructionsFile: string; checks: Record<string, string>[] }[];
  setup: Record<string, unknown>[];
  solution: Record<string, unknown>[];
}

async function imported(fixture: string, dir: string, from = join(FIXTURES, fixture)) {
  const out = join(dir, 'out', fixture);
  const report = await importScenarioFolder(from, out, { force: false });
  const spec = parse(await readFile(join(out, 'scenario.yaml'), 'utf8')) as Spec;
  const read = (file: string) => readFile(join(out, file), 'utf8');
  return { out, report, spec, read };
}

describe('importScenarioFolder: the translation rules', () => {
  it('makes one task per step, each with the verify script as a script check on the control plane', () =>
    withTempDir(async (dir) => {
      const { spec, read } = await imported('current-form', dir);
      assert.deepEqual(
        spec.tasks.map((t) => [
          t.id,
          t.instructionsFile,
          t.checks[0]?.kind,
          t.checks[0]?.node,
          t.checks[0]?.file,
        ]),
        [
          ['step-1', 'tasks/step-1.md', 'script', 'control-plane', 'killercoda/step-1-verify.sh'],
          ['step-2', 'tasks/step-2.md', 'script', 'control-plane', 'killercoda/step-2-verify.sh'],
        ],
      );
      assert.equal(
        await read('killercoda/step-1-verify.sh'),
        await readFile(join(FIXTURES, 'current-form/step1/verify.sh'), 'utf8'),
      );
    }));

  it('sets up assets first, then intro and step background scripts, each awaited as a plain bash file', () =>
    withTempDir(async (dir) => {
      const { spec, read } = await imported('current-form', dir);
      const names = spec.setup.map((s) => `${s.kind} ${s.kind === 'copy' ? s.to : s.name}`);
      assert.deepEqual(names, [
        'copy /usr/local/bin/check-token.sh',
        'copy /root/manifests/ledger-role.yaml',
        'copy /root/manifests/ledger-sa.yaml',
        'copy /root/secret-note.txt',
        'copy /opt/cks-lab-import/killercoda--intro-background.sh',
        'script intro: background script (awaited)',
        'copy /opt/cks-lab-import/killercoda--step-2-background.sh',
        'script step 2: background script (awaited)',
      ]);
      assert.equal(spec.setup[0]?.mode, '0755');
      assert.equal(spec.setup[3]?.mode, '0600');
      assert.match(
        String(spec.setup[5]?.script),
        /^trap .*\ncd \/root\nbash \/opt\/cks-lab-import\/killercoda--intro-background\.sh <\/dev\/null\n$/,
      );
      // copied as it is, but for the images it names (run by their offline stand-ins)
      assert.equal(
        await read('killercoda/intro-background.sh'),
        (await readFile(join(FIXTURES, 'current-form/setup.sh'), 'utf8'))
          .replace('--image=httpd:2.4', '--image=cks-lab/httpd:2.4')
          .replace('--image=curlimages/curl', '--image=cks-lab/curl:7.88'),
      );
      assert.equal(await read('assets/secret-note.txt'), 'only root may read this\n');
    }));

  it("turns the {{exec}} blocks inside <details> into the scenario's solution steps", () =>
    withTempDir(async (dir) => {
      const { spec, read, report } = await imported('current-form', dir);
      assert.deepEqual(report.imported.stepsWithSolution, [1, 2]);
      assert.deepEqual(
        spec.solution.filter((s) => s.kind === 'copy').map((s) => s.from),
        ['solution/step-1.sh', 'solution/step-2.sh'],
      );
      const step2 = await read('solution/step-2.sh');
      assert.match(step2, /kubectl -n ledger create role config-reader/);
      assert.match(step2, /kubectl -n ledger create rolebinding config-reader/);
      assert.doesNotMatch(step2, /kind: Role/, 'a {{copy}} block is not a command');
    }));

  it('keeps <details> in the instructions, translates markers, and shows foreground scripts', () =>
    withTempDir(async (dir) => {
      const { read } = await imported('current-form', dir);
      const step1 = await read('tasks/step-1.md');
      assert.match(step1, /<details>\n<summary>Solution<\/summary>/);
      assert.doesNotMatch(step1, /\{\{/);
      const readme = await read('README.md');
      assert.match(readme, /^# Lock down the audit namespace's service account\n/);
      assert.match(readme, /cks-lab does not run it[\s\S]*while \[ ! -f \/tmp\/setup-done \]/);
      assert.match(readme, /## When you are done\n\nThe ServiceAccount now gets no token/);
    }));

  it('writes a scenario that lints, with IMPORT.md beside it', () =>
    withTempDir(async (dir) => {
      const { out, report, read } = await imported('katacoda-form', dir);
      assert.deepEqual(report.lint, []);
      const loaded = await loadScenario(out);
      assert.deepEqual(loaded.problems, []);
      assert.equal(loaded.scenario?.spec.nodes, 2);
      assert.equal(loaded.scenario?.spec.difficulty, 'easy');
      assert.equal(loaded.scenario?.spec.minutes, 10);
      assert.match(await read('IMPORT.md'), /^# Import report: katacoda-form\n/);
      assert.match(await read('tasks/step-1.md'), /```bash\nsed -i/);
    }));

  it('a step without a verify gets a check that never passes, and a missing solution a step that fails', () =>
    withTempDir(async (dir) => {
      const { spec, report, out } = await imported('broken-verify', dir);
      const check = spec.tasks[1]?.checks[0];
      assert.equal(check?.id, 'no-verify');
      assert.match(String(check?.script), /exit 1\n$/);
      assert.equal(spec.solution.length, 1);
      assert.match(String(spec.solution[0]?.script), /marks no solution commands[\s\S]*exit 1/);
      assert.deepEqual(report.lint, []);
      assert.deepEqual((await loadScenario(out)).problems, []);
    }));

  it('puts worker assets on the worker of a 2-node scenario', () =>
    withTempDir(async (dir) => {
      const { spec } = await imported('two-nodes', dir);
      assert.equal(spec.nodes, 2);
      assert.deepEqual(
        spec.setup.filter((s) => s.kind === 'copy').map((s) => [s.to, s.node]),
        [
          ['/root/probe.sh', 'control-plane'],
          ['/etc/cks/kubelet-extra.conf', 'worker'],
          ['/opt/cks-lab-import/killercoda--intro-background.sh', 'control-plane'],
        ],
      );
    }));
});

describe('importScenarioFolder: the report', () => {
  it('names a verify script that does not parse, and the step without a verify', () =>
    withTempDir(async (dir) => {
      const { report, read } = await imported('broken-verify', dir);
      assert.deepEqual(
        report.findings.syntaxErrors.map((e) => [e.file, e.role]),
        [['verify1.sh', 'step 1 verify']],
      );
      assert.match(report.findings.syntaxErrors[0]?.message ?? '', /syntax error/);
      assert.deepEqual(report.findings.withoutVerify, ['step 2 "Write down what you found"']);
      const md = await read('IMPORT.md');
      assert.match(
        md,
        /## Scripts that do not parse \(`bash -n`\)\n\n- `verify1\.sh` \(step 1 verify\): `bash: line \d+: syntax error/,
      );
      assert.match(
        md,
        /## Steps without a verify script\n\n- step 2 "Write down what you found": its task has the check `no-verify`/,
      );
      assert.match(md, /Solution: none marked/);
    }));

  it('names a solution that does not parse; a two-node lab provides the conventions the content assumes', () =>
    withTempDir(async (dir) => {
      // the fixture runs on a real cluster (test/cluster/import-check.test.ts): a copy loses a quote
      const source = await fixtureCopy('two-nodes', dir);
      const step = join(source, 'step1.md');
      await writeFile(step, (await readFile(step, 'utf8')).replace("restart kubelet'", 'restart kubelet'));
      const { report, read } = await imported('two-nodes', dir, source);
      // ssh controlplane, nodeName: node01, /root/.kube/config: every two-node lab has them
      assert.deepEqual(report.findings.conventions, []);
      // its background edits node01's kubelet config: declared, so the scenario lints and an exam keeps it apart
      assert.match(await read('scenario.yaml'), /\nglobalState:\n {2}- kubelet-config\n/);
      assert.ok(report.findings.notes.some((note) => note.startsWith('globalState declared')));
      assert.deepEqual(report.lint, []);
      assert.deepEqual(
        report.findings.syntaxErrors.map((e) => [e.file, e.role]),
        [['solution/step-1.sh', 'step 1 solution']],
      );
      const md = await read('IMPORT.md');
      assert.match(md, /## Needs a node01 this one-node lab does not have\n\nNothing found\./);
      assert.match(md, /- Scripts that do not parse: 1\n/);
    }));

  it('lists every line that needs the internet, with file and line', () =>
    withTempDir(async (dir) => {
      const { report, read } = await imported('needs-internet', dir);
      assert.deepEqual(
        report.findings.internet.map((n) => `${n.file}:${n.line} ${n.kind}`),
        [
          'install.sh:2 package install',
          'install.sh:3 download',
          'install.sh:5 image pull',
          'step1.md:4 package install',
        ],
      );
      const md = await read('IMPORT.md');
      assert.match(md, /- Offline: no, 4 line\(s\) need the internet/);
      assert.match(md, /`intro\.md:1` `\{\{TRAFFIC_HOST1_8080\}\}`/);
    }));

  it('runs nginx and httpd on their offline stand-ins: rewritten everywhere, listed in images and the report', () =>
    withTempDir(async (dir) => {
      const { report, spec, read } = await imported('needs-internet', dir);
      assert.deepEqual(
        report.imported.imageMappings.map((m) => `${m.from} → ${m.to} in ${m.files.join(' ')}`),
        [
          'httpd:2.4 → cks-lab/httpd:2.4 in killercoda/intro-background.sh',
          'nginx:1.25 → cks-lab/nginx:1.22 in killercoda/intro-background.sh',
        ],
      );
      assert.deepEqual((spec as unknown as { images: string[] }).images, [
        'cks-lab/httpd:2.4',
        'cks-lab/nginx:1.22',
      ]);
      const script = await read('killercoda/intro-background.sh');
      assert.match(script, /^kubectl run web --image=cks-lab\/nginx:1\.22$/m);
      assert.match(script, /^ {6}image: cks-lab\/httpd:2\.4$/m);
      assert.doesNotMatch(script, /[\s=]nginx:1\.25|[\s=]httpd:2\.4/);
      assert.match(
        await read('IMPORT.md'),
        /## Images run by an offline stand-in\n\n- `httpd:2\.4` → `cks-lab\/httpd:2\.4`: Apache httpd 2\.4/,
      );
      assert.deepEqual(report.lint, []);
    }));

  it('says when it guessed the domain, difficulty and minutes', () =>
    withTempDir(async (dir) => {
      const { read } = await imported('needs-internet', dir);
      assert.match(
        await read('IMPORT.md'),
        /- domain: Supply Chain Security \(guessed: 1 keyword\(s\) such as "trivy"\)/,
      );
    }));

  it('refuses an output folder name that is not a scenario id, before writing anything', () =>
    withTempDir(async (dir) => {
      await assert.rejects(
        importScenarioFolder(join(FIXTURES, 'current-form'), join(dir, 'Bad_Name'), { force: false }),
        /not a scenario id/,
      );
      assert.equal(await stat(join(dir, 'Bad_Name')).catch(() => undefined), undefined);
    }));
});
