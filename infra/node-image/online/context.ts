import { copyFile, cp, mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OFFLINE_DIR } from '../offline/versions.js';
import { CONTEXT } from './dockerfile.js';

const ONLINE_DIR = dirname(fileURLToPath(import.meta.url));
/** node-packages.txt lists the node OS first, then the learner's packages after this comment. */
const LEARNER_MARKER = '# ... and what a CKS candidate expects in their shell';
/** files/ entries the base image owns: its containerd config is patched instead, its storage manifest kept. */
const BASE_OWNED = ['etc/containerd/config.toml', 'kind/manifests/default-storage.yaml'];

/** What the online image adds on top of kindest/node, as built by buildGoTools and buildRuncClamp. */
export interface OnlineAdditions {
  runsc: string;
  runscShim: string;
  trivy: string;
  etcdctl: string;
  kubesec: string;
  kubesecSchemasDir: string;
  kubeBench: string;
  kubeBenchCfgDir: string;
  clamp: string;
  /** the stand-in cloud metadata service (infra/imds) */
  imds: string;
}

/** The learner's packages: the part of the offline image's node-packages.txt after the learner marker. */
export async function learnerPackages(): Promise<string[]> {
  const file = join(OFFLINE_DIR, 'node-packages.txt');
  const lines = (await readFile(file, 'utf8')).split('\n').map((line) => line.trim());
  const start = lines.indexOf(LEARNER_MARKER);
  if (start < 0) throw new Error(`${file}: no "${LEARNER_MARKER}" line before the learner's packages`);
  return lines.slice(start + 1).filter((line) => line && !line.startsWith('#'));
}

/** Lays out the Docker build context the online Dockerfile expects. */
export async function stageOnlineContext(dir: string, add: OnlineAdditions): Promise<void> {
  const bin = join(dir, CONTEXT.bin);
  await mkdir(bin, { recursive: true });
  await copyFile(add.runsc, join(bin, 'runsc'));
  await copyFile(add.runscShim, join(bin, 'containerd-shim-runsc-v1'));
  await copyFile(add.trivy, join(bin, 'trivy'));
  await copyFile(add.etcdctl, join(bin, 'etcdctl'));
  await copyFile(add.imds, join(bin, 'cks-lab-imds'));
  await copyFile(add.kubesec, join(dir, CONTEXT.kubesec));
  await cp(add.kubesecSchemasDir, join(dir, CONTEXT.kubesecSchemas), { recursive: true });
  await copyFile(add.kubeBench, join(dir, CONTEXT.kubeBench));
  await cp(add.kubeBenchCfgDir, join(dir, CONTEXT.kubeBenchCfg), { recursive: true });
  await copyFile(add.clamp, join(dir, CONTEXT.clamp));
  const overlay = join(dir, CONTEXT.overlay);
  await cp(join(OFFLINE_DIR, 'files'), overlay, { recursive: true });
  for (const owned of BASE_OWNED) await rm(join(overlay, owned), { force: true });
  await copyFile(join(ONLINE_DIR, CONTEXT.patchScript), join(dir, CONTEXT.patchScript));
}
