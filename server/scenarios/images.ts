import { createHash } from 'node:crypto';
import { cp, readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { withTempDir } from '../clusters/kind/temp-dir.js';
import { normalizeImageRef } from '../clusters/kind/image-ref.js';
import { run as defaultRun, type RunOptions, type RunResult } from '../exec/run.js';
import { runSteps, silentProgress, type ProgressSink, type Step } from '../progress.js';
import { COMMON_IMAGES, COMMON_IMAGES_DIR, commonImageByRef } from './common-images.js';
import { debianBaseImage, type DebianBaseBuilder } from './debian-base-image.js';
import { CONTENT_HASH_LABEL, imageLabel } from './image-label.js';
import { upgradeReleaseImages } from '../../infra/kubernetes-release/upgrade-release.js';
import { ensureReleaseImages, isReleaseImage } from './release-images.js';
import { pythonWheelFetcher, pythonWheelSchema, unpackWheel, type WheelFetcher } from './python-wheel.js';

/** An import path as `go build` takes it; never an option or a file path. */
const GO_PACKAGE_PATH = /^[a-z0-9][a-zA-Z0-9._~-]*(\/[a-zA-Z0-9._~-]+)+$/;

/** A scenario image: a ref that must exist locally, or a ref built from a folder of the scenario. */
export const scenarioImageSchema = z.union([
  z
    .string()
    .min(1)
    .describe(
      'An image already in the local Docker engine (busybox:1.37), a common image built from the ' +
        `repository's images/ folder: ${COMMON_IMAGES.map((image) => image.ref).join(', ')}, or an image of ` +
        `the upgrade release (the next Kubernetes minor, compiled on first use): ${upgradeReleaseImages().join(', ')}`,
    ),
  z
    .strictObject({
      ref: z.string().min(1).describe('Tag to build, e.g. cks-lab/checkout:1.4'),
      build: z
        .string()
        .min(1)
        .describe(
          'Folder with a Dockerfile, relative to the scenario folder; a go.mod there is compiled to ./app first',
        ),
      goPackage: z
        .string()
        .regex(GO_PACKAGE_PATH, 'a Go import path, e.g. github.com/open-policy-agent/gatekeeper/v3')
        .optional()
        .describe(
          "The main package to compile to ./app instead of the folder's own: a command of a module that the " +
            "folder's go.mod requires (its version and checksums pinned there)",
        ),
      debianPackages: z
        .string()
        .min(1)
        .optional()
        .describe(
          'A file in the build folder listing Debian packages, one per line: they are debootstrapped (the node ' +
            "image's release, from the signed archive) into a base image passed as build argument DEBIAN_BASE " +
            '(`ARG DEBIAN_BASE` then `FROM ${DEBIAN_BASE}` in the Dockerfile)',
        ),
      pythonWheel: pythonWheelSchema.optional(),
    })
    .describe(
      'An image built locally (FROM scratch, busybox:1.37, cks-lab/debian-base or a DEBIAN_BASE of its own ' +
        'packages: nothing is pulled)',
    ),
]);
export type ScenarioImage = z.output<typeof scenarioImageSchema>;

/** The part of a loaded scenario this needs: its folder (build dirs are relative to it) and its `images` list. */
export interface ScenarioImageSource {
  id: string;
  dir: string;
  spec: { images: readonly ScenarioImage[] };
}

export type CommandRunner = (argv: readonly string[], options?: RunOptions) => Promise<RunResult>;

export { CONTENT_HASH_LABEL };
// Bump when the build recipe below changes, so images built the old way are rebuilt.
const RECIPE_VERSION = '1';
// a cold compile of an upstream controller (Traefik: ~770 CPU-s) took 27 min on a loaded 2-core machine
const GO_BUILD_TIMEOUT_MS = 45 * 60_000;
const DOCKER_BUILD_TIMEOUT_MS = 10 * 60_000;
const QUICK_MS = 30_000;

/** Bad `images` entry or build folder: names the scenario file and field. */
export class ScenarioImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioImageError';
  }
}

/**
 * Makes every image a scenario lists present in the local Docker engine: plain refs must already exist; build
 * entries are (re)built only when their folder's content hash differs from the image's label. Returns the refs in
 * list order, ready for ClusterProvider.loadImages.
 */
export async function ensureScenarioImages(
  scenario: ScenarioImageSource,
  progress: ProgressSink = silentProgress,
  runCommand: CommandRunner = defaultRun,
  buildDebianBase: DebianBaseBuilder = debianBaseImage,
  fetchWheel: WheelFetcher = pythonWheelFetcher(runCommand),
): Promise<string[]> {
  const images = scenario.spec.images;
  const firstRelease = images.findIndex((image) => typeof image === 'string' && isReleaseImage(image));
  const steps: Step<undefined>[] = images.map((image, index) => {
    const field = `scenarios/${scenario.id}/scenario.yaml: images[${index}]`;
    if (index === firstRelease) {
      // the upgrade release is built as a whole; its other refs are then plain local images
      return {
        name: `Kubernetes release images (${image as string} …)`,
        run: async (_ctx, info) => {
          await ensureReleaseImages(info);
          await requireLocalImage(image as string, field, runCommand);
        },
      };
    }
    const common = typeof image === 'string' ? commonImageByRef(image) : undefined;
    if (common) {
      // a common image is built from the repository's images/ folder like a scenario's own
      const entry = { ref: common.ref, build: common.name, debianPackages: 'packages.txt' };
      return {
        name: `image ${common.ref}`,
        run: (_ctx, info) =>
          buildIfChanged(COMMON_IMAGES_DIR, entry, field, { runCommand, buildDebianBase, fetchWheel }, info),
      };
    }
    if (typeof image === 'string') {
      return { name: `image ${image}`, run: () => requireLocalImage(image, field, runCommand) };
    }
    return {
      name: `image ${image.ref}`,
      run: (_ctx, info) =>
        buildIfChanged(scenario.dir, image, field, { runCommand, buildDebianBase, fetchWheel }, info),
    };
  });
  await runSteps(steps, undefined, progress);
  return images.map((image) => (typeof image === 'string' ? image : image.ref));
}

async function requireLocalImage(ref: string, field: string, runCommand: CommandRunner): Promise<void> {
  checkRef(ref, field);
  if ((await imageLabel(ref, runCommand)) === null) {
    throw new ScenarioImageError(
      `${field}: image "${ref}" is not in the local Docker engine and nothing can be pulled; ` +
        'build it first (`npx cks-lab image build` builds the node image and its preloaded images) or list it as ' +
        '{ ref, build } with a Dockerfile folder',
    );
  }
}

type BuildEntry = Exclude<ScenarioImage, string>;

async function buildIfChanged(
  scenarioDir: string,
  image: BuildEntry,
  field: string,
  {
    runCommand,
    buildDebianBase,
    fetchWheel,
  }: { runCommand: CommandRunner; buildDebianBase: DebianBaseBuilder; fetchWheel: WheelFetcher },
  info: (message: string) => void,
): Promise<void> {
  checkRef(image.ref, `${field}.ref`);
  const buildDir = await resolveBuildDir(scenarioDir, image.build, `${field}.build`);
  const hasGoModule = await isFile(join(buildDir, 'go.mod'));
  if (image.goPackage !== undefined && !hasGoModule) {
    throw new ScenarioImageError(
      `${field}.goPackage: "${image.build}" has no go.mod that requires ${image.goPackage}`,
    );
  }
  const toolchain = hasGoModule
    ? (await runCommand(['go', 'version'], { timeoutMs: QUICK_MS })).stdout.trim()
    : '';
  const debianBase =
    image.debianPackages === undefined
      ? undefined
      : await buildDebianBase(
          await resolveFileInside(buildDir, image.debianPackages, `${field}.debianPackages`),
          info,
        );
  const wheel = image.pythonWheel;
  // the compiled package, the base and the wheel are build inputs too; images with none keep the hash they had
  let inputs = toolchain;
  if (image.goPackage !== undefined) inputs += `\ngo build ${image.goPackage}`;
  if (debianBase !== undefined) inputs += `\nfrom ${debianBase}`;
  if (wheel !== undefined) inputs += `\nwheel ${wheel.requirement} sha256:${wheel.sha256}`;
  const hash = await contentHash(buildDir, inputs);
  const key = `${image.ref}\0${hash}`;
  const running = buildsInFlight.get(key);
  if (running) {
    info(`${image.ref}: waiting for the build of it already running`);
    return running;
  }
  // set before any await, so a second phase asking at the same moment finds it
  const build = (async () => {
    if ((await imageLabel(image.ref, runCommand)) === hash) {
      info(`${image.ref} is up to date`);
      return;
    }
    await buildImage(buildDir, image, hash, { hasGoModule, debianBase, runCommand, fetchWheel }, info);
  })();
  buildsInFlight.set(key, build);
  try {
    await build;
  } finally {
    buildsInFlight.delete(key);
  }
}

/**
 * Builds under way in this process, by ref and content hash: `scenario test` proves a scenario's phases on several
 * clusters at once, and each phase asks for the scenario's images. Without this, three phases compiled Traefik three
 * times side by side (~770 CPU-s each) on a cold 2-core CI host.
 */
const buildsInFlight = new Map<string, Promise<void>>();

async function buildImage(
  buildDir: string,
  image: BuildEntry,
  hash: string,
  {
    hasGoModule,
    debianBase,
    runCommand,
    fetchWheel,
  }: {
    hasGoModule: boolean;
    debianBase: string | undefined;
    runCommand: CommandRunner;
    fetchWheel: WheelFetcher;
  },
  info: (message: string) => void,
): Promise<void> {
  const wheel = image.pythonWheel;
  await withTempDir('cks-lab-scenario-image-', async (context) => {
    // build in a copy: `go build -mod=mod` may rewrite go.sum, and the binary must not land in the repo
    await cp(buildDir, context, { recursive: true });
    if (hasGoModule) {
      const goPackage = image.goPackage ?? '.';
      info(
        `compiling ${goPackage === '.' ? `the Go program in ${image.build}` : goPackage} (minutes when cold)`,
      );
      await runCommand(
        ['go', 'build', '-trimpath', '-ldflags=-s -w', '-o', join(context, 'app'), goPackage],
        {
          cwd: context,
          env: goBuildEnv(),
          timeoutMs: GO_BUILD_TIMEOUT_MS,
        },
      );
    }
    if (wheel !== undefined) {
      await unpackWheel(await fetchWheel(wheel, info), join(context, 'wheel'), runCommand);
    }
    info(`building ${image.ref}`);
    await runCommand(
      [
        'docker',
        'build',
        '-q',
        '--label',
        `${CONTENT_HASH_LABEL}=${hash}`,
        ...(debianBase === undefined ? [] : ['--build-arg', `DEBIAN_BASE=${debianBase}`]),
        '-t',
        image.ref,
        context,
      ],
      {
        // the legacy builder resolves FROM against local images only: nothing is pulled
        env: { ...process.env, DOCKER_BUILDKIT: '0' },
        timeoutMs: DOCKER_BUILD_TIMEOUT_MS,
      },
    );
  });
}

/** Static binaries; sum.golang.org is unreachable here, so checksums come from go.sum only. */
export function goBuildEnv(): NodeJS.ProcessEnv {
  return { ...process.env, CGO_ENABLED: '0', GOSUMDB: 'off', GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' };
}

function checkRef(ref: string, field: string): void {
  try {
    normalizeImageRef(ref);
  } catch (error) {
    throw new ScenarioImageError(`${field}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The build folder, which must stay inside the scenario folder and hold a Dockerfile. */
export async function resolveBuildDir(scenarioDir: string, build: string, field: string): Promise<string> {
  const dir = resolve(scenarioDir, build);
  if (!isRelativeInside(scenarioDir, build)) {
    throw new ScenarioImageError(`${field}: "${build}" must be a folder inside the scenario folder`);
  }
  if (!(await isFile(join(dir, 'Dockerfile')))) {
    throw new ScenarioImageError(
      `${field}: "${build}" has no Dockerfile (looked for ${join(dir, 'Dockerfile')})`,
    );
  }
  return dir;
}

/** `name` is a relative path that resolves inside `dir`. */
function isRelativeInside(dir: string, name: string): boolean {
  const inside = relative(resolve(dir), resolve(dir, name));
  return !isAbsolute(name) && !inside.startsWith('..') && !isAbsolute(inside);
}

/** A file named by a scenario field, which must stay inside `dir`. */
async function resolveFileInside(dir: string, name: string, field: string): Promise<string> {
  const path = resolve(dir, name);
  if (!isRelativeInside(dir, name) || !(await isFile(path))) {
    throw new ScenarioImageError(`${field}: "${name}" must be a file inside the build folder`);
  }
  return path;
}

/** sha256 over every file's relative path, executable bit and bytes, plus the recipe and Go toolchain versions. */
export async function contentHash(dir: string, toolchain: string): Promise<string> {
  const hash = createHash('sha256').update(`recipe ${RECIPE_VERSION}\n${toolchain}\n`);
  for (const file of await listFiles(dir)) {
    const path = join(dir, file);
    const executable = ((await stat(path)).mode & 0o111) !== 0;
    hash.update(`${file.split(sep).join('/')}\0${executable ? 'x' : '-'}\0`);
    hash.update(await readFile(path));
    hash.update('\0');
  }
  return `sha256-${hash.digest('hex')}`;
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(join(dir, prefix), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(prefix, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(dir, path)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
