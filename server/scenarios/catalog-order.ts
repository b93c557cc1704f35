import { CKS_DOMAINS } from './schema.js';

const DIFFICULTY_ORDER = ['easy', 'medium', 'hard'];

interface Listed {
  domain: string;
  difficulty: string;
  title: string;
}

/** Catalog order: the curriculum's domains in its own order, then easy before hard, then by title. */
export function byCurriculum(a: Listed, b: Listed): number {
  return (
    rank(CKS_DOMAINS, a.domain) - rank(CKS_DOMAINS, b.domain) ||
    rank(DIFFICULTY_ORDER, a.difficulty) - rank(DIFFICULTY_ORDER, b.difficulty) ||
    a.title.localeCompare(b.title)
  );
}

function rank(order: readonly string[], value: string): number {
  const index = order.indexOf(value);
  return index === -1 ? order.length : index;
}
