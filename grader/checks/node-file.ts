import { parseAllDocuments } from 'yaml';
import type { NodeFileCheck } from '../schema/leaf-checks.js';
import type { NodeExecOutput, Verdict } from '../types.js';
import { assertValue } from '../value/assert.js';
import { formatValue, outputTail } from '../value/format.js';
import { unmetTextMatch } from '../value/text.js';
import { error, fail, pass, type CheckEnv } from './env.js';
import { execOnNode, nodeName } from './nodes.js';

export async function evaluateNodeFile(check: NodeFileCheck, env: CheckEnv): Promise<Verdict> {
  const subject = `File ${check.path} on the ${check.node} node`;
  const needsContent = Boolean(check.content || check.yaml);
  // `cat` both proves existence and returns the content; `test -e` also covers directories
  const output = needsContent
    ? await env.readNodeFile(nodeName(env, check.node), check.path)
    : await execOnNode(env, check.node, ['test', '-e', check.path]);
  const exists = existsFrom(output, needsContent);
  if (exists === null)
    return error(`could not read ${check.path} on the ${check.node} node: ${outputTail(output.stderr)}`);

  if (check.exists === false) {
    return exists
      ? fail(`expected ${check.path} on the ${check.node} node not to exist, but it does`)
      : pass(`${subject}: absent, as required`);
  }
  if (!exists) return fail(`expected ${subject} to exist, but it does not`);
  if (check.content) {
    const unmet = unmetTextMatch(output.stdout, check.content);
    if (unmet)
      return fail(
        `${subject}: expected the content ${unmet}, found: ${formatValue(outputTail(output.stdout))}`,
      );
  }
  if (check.yaml) return judgeYaml(check, subject, output.stdout);
  return pass(`${subject}: ${check.content ? 'content matches' : 'exists'}`);
}

function existsFrom(output: NodeExecOutput, usedCat: boolean): boolean | null {
  if (output.exitCode === 0) return true;
  if (!usedCat) return output.exitCode === 1 ? false : null;
  return /No such file or directory/.test(output.stderr) ? false : null;
}

function judgeYaml(check: NodeFileCheck, subject: string, text: string): Verdict {
  const documents = parseAllDocuments(text);
  if (!Array.isArray(documents)) return fail(`${subject}: expected YAML, found an empty file`);
  const document = documents[check.document];
  if (!document)
    return fail(
      `${subject}: expected YAML document #${check.document + 1}, the file has ${documents.length}`,
    );
  const firstError = document.errors[0];
  if (firstError) return fail(`${subject}: not valid YAML (${firstError.message.split('\n')[0]})`);
  const root: unknown = document.toJS();
  const outcomes = (check.yaml ?? []).map((assertion) => assertValue(root, assertion));
  const unmet = outcomes.filter((o) => !o.ok);
  if (unmet.length > 0) {
    return fail(`${subject}: ${unmet.map((o) => `expected ${o.expectation}, found: ${o.found}`).join('; ')}`);
  }
  return pass(`${subject}: ${outcomes.map((o) => o.statement).join('; ')}`);
}
