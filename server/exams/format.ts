import { formatTable } from '../scenarios/table.js';
import type { Domain } from '../scenarios/schema.js';
import { CURRICULUM_PERCENT, type ExamSummary } from './summary.js';
import { examHost } from './hosts.js';
import type { ExamProof } from './prove.js';
import type { ExamPlan, ExamSet } from './types.js';

/** Column heads for the six domains, in CKS_DOMAINS order. */
const DOMAIN_ABBREVIATIONS: Readonly<Record<Domain, string>> = {
  'Cluster Setup': 'CS',
  'Cluster Hardening': 'CH',
  'System Hardening': 'SH',
  'Minimize Microservice Vulnerabilities': 'MMV',
  'Supply Chain Security': 'SCS',
  'Monitoring Logging and Runtime Security': 'MON',
};

/** One row per set: tasks, minutes and each domain's share of the task weight, then the curriculum's. */
export function formatExamList(summaries: readonly ExamSummary[]): string {
  const domains = Object.keys(DOMAIN_ABBREVIATIONS) as Domain[];
  const head = ['ID', 'TASKS', 'MINUTES', ...domains.map((d) => DOMAIN_ABBREVIATIONS[d]), 'TITLE'];
  const rows = summaries.map((s) => [
    s.id,
    String(s.tasks),
    String(s.minutes),
    ...s.domains.map((d) => `${d.percent}%`),
    s.title,
  ]);
  const curriculum = [
    '',
    '',
    '',
    ...domains.map((d) => `${CURRICULUM_PERCENT[d]}%`),
    '(CKS curriculum weights)',
  ];
  const legend = domains.map((d) => `${DOMAIN_ABBREVIATIONS[d]} = ${d}`).join(', ');
  return [
    formatTable(head, [...rows, curriculum]),
    '',
    `Domain columns: share of the set's task weight (${legend}).`,
    'Also: random:<seed>, a set drawn from the catalog for that seed (e.g. `cks-lab exam plan random:42`).',
  ].join('\n');
}

/** The placement: each cluster with its nodes, minutes, global state and the scenarios' tasks. */
export function formatExamPlan(set: ExamSet, summary: ExamSummary, plan: ExamPlan): string {
  const byId = new Map(set.scenarios.map((s) => [s.id, s]));
  const lines = [
    `exam ${summary.id}: ${summary.title}`,
    `${summary.tasks} tasks in ${summary.scenarios} scenarios, ${summary.minutes} min, ${plan.clusters.length} clusters`,
  ];
  for (const cluster of plan.clusters) {
    const features = cluster.features.length ? `, features: ${cluster.features.join(', ')}` : '';
    lines.push(
      '',
      `cluster ${cluster.index} (ssh ${examHost(cluster.index)}): ${cluster.nodes} node${cluster.nodes === 2 ? 's' : ''}, ${cluster.minutes} min${features}`,
      `  global state: ${cluster.globalState.length ? cluster.globalState.join(', ') : 'none'}`,
    );
    for (const id of cluster.scenarios) {
      const scenario = byId.get(id);
      if (!scenario) continue;
      lines.push(
        `  ${id} (${scenario.domain}, ${scenario.minutes} min): ${scenario.tasks.map((t) => t.id).join(', ')}`,
      );
    }
  }
  return lines.join('\n');
}

/** Per task: its weight and what it scored before any answer and after the solutions; then the verdict. */
export function formatExamProof(set: ExamSet, proof: ExamProof, formatMs: (ms: number) => string): string {
  const solved = new Map(proof.solved.tasks.map((t) => [`${t.scenario}/${t.task}`, t]));
  const rows = proof.unsolved.tasks.map((t) => {
    const after = solved.get(`${t.scenario}/${t.task}`);
    const ok = t.score === 0 && after?.score === t.weight;
    return [
      `${t.scenario}/${t.task}`,
      String(t.weight),
      String(t.score),
      String(after?.score ?? 0),
      ok ? 'ok' : 'WRONG',
    ];
  });
  const problems = proof.solved.tasks
    .filter((t) => t.score < t.weight)
    .map((t) => `  ${t.scenario}/${t.task} after the solutions: ${t.problems.join('; ')}`);
  return [
    `exam ${set.id}: ready in ${formatMs(proof.readyMs)}, proven in ${formatMs(proof.totalMs)}`,
    formatTable(['TASK', 'WEIGHT', 'UNSOLVED', 'SOLVED', ''], rows),
    `unsolved ${proof.unsolved.percent} %, solved ${proof.solved.percent} %: ${proof.ok ? 'PASS' : 'FAIL'}`,
    ...problems,
    ...(proof.kept.length
      ? [
          `kept: ${proof.kept.join(', ')}: \`cks-lab cluster exec ${proof.kept[0]} bash\`, then \`ssh ${examHost(2)}\` … ` +
            `hops between them; remove with \`cks-lab cluster delete\` on each and ` +
            `\`docker network rm cks-link-${proof.link}\``,
        ]
      : []),
  ].join('\n');
}
