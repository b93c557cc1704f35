import type { ProgressGrid } from '../http/contract.js';

/** One learner's result on one scenario they started: a row of the workshop's export. */
export interface ResultRow {
  workshop: string;
  learner: string;
  scenario: string;
  status: string;
  checks: number;
  bestScore: number | null;
  lastScore: number | null;
  lastCheckAt: string | null;
  minutes: number;
}

const COLUMNS: readonly (keyof ResultRow)[] = [
  'workshop',
  'learner',
  'scenario',
  'status',
  'checks',
  'bestScore',
  'lastScore',
  'lastCheckAt',
  'minutes',
];

/** The grid's started cells as rows (a scenario a learner never started is no result). */
export function resultRows(grid: ProgressGrid): ResultRow[] {
  return grid.rows.flatMap((row) =>
    grid.scenarios.flatMap((scenario, index) => {
      const cell = row.cells[index];
      if (!cell || cell.status === 'not-started') return [];
      return [
        {
          workshop: row.workshopCode,
          learner: row.name,
          scenario,
          status: cell.status,
          checks: cell.checks,
          bestScore: cell.bestScore,
          lastScore: cell.lastScore,
          lastCheckAt: cell.lastCheckAt,
          minutes: Math.round(cell.timeSpentMs / 60_000),
        },
      ];
    }),
  );
}

/**
 * RFC 4180 CSV. Learner names are typed by learners: a value a spreadsheet would run as a formula (=, +, -, @,
 * tab, CR first) is prefixed with an apostrophe, and every value is quoted.
 */
export function resultsCsv(rows: readonly ResultRow[]): string {
  const lines = [COLUMNS.join(','), ...rows.map((row) => COLUMNS.map((c) => csvValue(row[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

function csvValue(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}
