import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { runSteps, silentProgress, type ProgressSink } from '../progress.js';
import { parseDocument } from 'yaml';
import { globalStateUsesOf, loadScenario, SCENARIO_FILE } from '../scenarios/loader.js';
import { formatProblem } from '../scenarios/problems.js';
import { findingsFor, type Findings } from './findings.js';
import type { ImportedScenario } from './imported-scenario.js';
import { readKillercodaScenario } from './read-scenario.js';
import { formatReport, REPORT_FILE, type ImportReport } from './report.js';
import { idOfOutputFolder } from './scenario-id.js';
import type { SourceScenario } from './source.js';
import { translateScenario } from './translate.js';
import { writeScenarioFolder } from './write-folder.js';

/** The catalog keeps the JSON schema beside the scenario folders; editors find it through "$schema". */
const SCHEMA_FILE = 'scenario.schema.json';

export interface ImportOptions {
  /** replace an existing scenario folder */
  force: boolean;
  progress?: ProgressSink;
}

interface Work {
  source?: SourceScenario;
  imported?: ImportedScenario;
  findings?: Findings;
  lint: string[];
}

/** Imports one Killercoda scenario folder into the cks-lab scenario folder `out`, with IMPORT.md beside it. */
export async function importScenarioFolder(
  dir: string,
  out: string,
  options: ImportOptions,
): Promise<ImportReport> {
  const target = resolve(out);
  const id = idOfOutputFolder(basename(target));
  const inCatalog = (await stat(join(dirname(target), SCHEMA_FILE)).catch(() => undefined))?.isFile();
  const schemaPath = inCatalog ? `../${SCHEMA_FILE}` : undefined;
  const work: Work = { lint: [] };
  const started = Date.now();
  await runSteps<Work>(
    [
      {
        name: `read ${dir}`,
        run: async (w, info) => {
          w.source = await readKillercodaScenario(dir);
          info(`${w.source.steps.length} step(s), ${w.source.assets.length} asset(s), ${w.source.form} form`);
        },
      },
      {
        name: 'translate',
        run: async (w) => {
          w.imported = translateScenario(w.source!, id, schemaPath);
        },
      },
      {
        name: 'check scripts (bash -n) and internet needs',
        run: async (w) => {
          w.findings = await findingsFor(w.source!, w.imported!);
        },
      },
      {
        name: `write ${out}`,
        run: (w) => writeScenarioFolder(target, w.imported!.files, options.force),
      },
      {
        name: 'declare the global state it changes',
        run: async (w, info) => {
          const note = await declareGlobalState(target);
          if (note) {
            w.findings!.notes.push(note);
            info(note);
          }
        },
      },
      {
        name: `lint ${out}`,
        run: async (w) => {
          const { problems } = await loadScenario(target);
          w.lint = problems.map((problem) => formatProblem(problem));
        },
      },
    ],
    work,
    options.progress ?? silentProgress,
  );
  const report: ImportReport = {
    source: work.source!,
    imported: work.imported!,
    findings: work.findings!,
    out,
    lint: work.lint,
    durationMs: Date.now() - started,
  };
  await writeFile(join(target, REPORT_FILE), formatReport(report));
  return report;
}

/**
 * Killercoda content edits node and control-plane configuration freely; an exam keeps scenarios that change the same
 * global state apart only when they say so. The lint's own findings become the `globalState` declaration, and the
 * report says so for the author to review.
 */
async function declareGlobalState(folder: string): Promise<string | undefined> {
  const uses = await globalStateUsesOf(folder);
  const keys = [...new Set(uses.map((use) => use.key))].sort();
  if (keys.length === 0) return undefined;
  const file = join(folder, SCENARIO_FILE);
  const document = parseDocument(await readFile(file, 'utf8'));
  document.set('globalState', keys);
  await writeFile(file, document.toString({ lineWidth: 0 }));
  const evidence = keys.map((key) => {
    const use = uses.find((u) => u.key === key)!;
    return `${key} (${use.where} ${use.evidence})`;
  });
  return `globalState declared from what the scripts change: ${evidence.join('; ')}; an exam puts scenarios that share a key on different clusters`;
}
