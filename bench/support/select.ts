import { parseArgs } from 'node:util';
import { findKind } from '../../server/clusters/kind-binary.js';
import { dockerReachable, imageExists } from '../../server/clusters/kind/docker.js';

/** `npm run bench -- --only a,b` runs just those benches; without --only every bench runs. */
export function benchSelected(name: string): boolean {
  const { values } = parseArgs({ options: { only: { type: 'string' } }, strict: false });
  const only = typeof values.only === 'string' ? values.only.split(',').map((s) => s.trim()) : [];
  return !only.length || only.includes(name);
}

/** The kind binary when Docker, kind and the node image are there; otherwise one SKIPPED line and exit 0. */
export async function skipUnlessClusters(bench: string, image: string): Promise<string> {
  const docker = await dockerReachable();
  const kind = await findKind();
  const reason = !docker.ok
    ? `no Docker engine (${docker.reason}); run \`npx cks-lab host prepare\``
    : !kind
      ? 'no kind binary; run `npx cks-lab image build`'
      : !(await imageExists(image))
        ? `node image ${image} not built; run \`npx cks-lab image build\``
        : null;
  if (reason || !kind) {
    process.stdout.write(`SKIPPED ${bench} bench: ${reason}\n`);
    process.exit(0);
  }
  return kind;
}
