import { CKS_DOMAINS, type Domain } from '../scenarios/schema.js';
import { totalWeight } from './catalog.js';
import type { ExamSet } from './types.js';

/** The CKS curriculum's domain weights, in percent. */
export const CURRICULUM_PERCENT: Readonly<Record<Domain, number>> = {
  'Cluster Setup': 15,
  'Cluster Hardening': 15,
  'System Hardening': 10,
  'Minimize Microservice Vulnerabilities': 20,
  'Supply Chain Security': 20,
  'Monitoring Logging and Runtime Security': 20,
};

export interface DomainShare {
  domain: Domain;
  tasks: number;
  weight: number;
  /** Share of the exam's task weight, rounded to whole percent. */
  percent: number;
  /** The curriculum's percent for the domain. */
  target: number;
}

export interface ExamSummary {
  id: string;
  title: string;
  scenarios: number;
  tasks: number;
  weight: number;
  minutes: number;
  domains: DomainShare[];
}

export function summarizeExam(set: ExamSet): ExamSummary {
  const tasks = set.scenarios.flatMap((s) => s.tasks.map((task) => ({ ...task, domain: s.domain })));
  const weight = totalWeight(tasks);
  return {
    id: set.id,
    title: set.title,
    scenarios: set.scenarios.length,
    tasks: tasks.length,
    weight,
    minutes: set.scenarios.reduce((sum, s) => sum + s.minutes, 0),
    domains: CKS_DOMAINS.map((domain) => {
      const mine = tasks.filter((task) => task.domain === domain);
      const domainWeight = totalWeight(mine);
      return {
        domain,
        tasks: mine.length,
        weight: domainWeight,
        percent: weight ? Math.round((100 * domainWeight) / weight) : 0,
        target: CURRICULUM_PERCENT[domain],
      };
    }),
  };
}

/** How far the set is from the curriculum: the sum of the absolute differences, in percentage points. */
export function curriculumDistance(set: ExamSet): number {
  const all = set.scenarios.flatMap((s) => s.tasks.map((task) => ({ ...task, domain: s.domain })));
  const weight = totalWeight(all);
  if (!weight) return Infinity;
  return summarizeExam(set).domains.reduce(
    (sum, d) => sum + Math.abs((100 * d.weight) / weight - d.target),
    0,
  );
}
