import type { Command } from 'commander';
import { ensureNodeImage, type ImageBuildMode } from '../../../infra/node-image/index.js';
import { formatDuration, printProgress } from '../progress-printer.js';
import { UserError } from '../user-error.js';

export function registerImageCommands(program: Command): void {
  const image = program.command('image').description('the kind node image learners run on');
  image
    .command('build')
    .description(
      'build the node image (Kubernetes, containerd + gVisor, learner tools); reused when unchanged',
    )
    .option('--offline', 'build from Debian packages and the Go module proxy only (no registry)')
    .option(
      '--online',
      'start from a pinned kindest/node image and add gVisor and the learner tools (needs a registry, or CKS_LAB_ONLINE_BASE naming a local kind node image)',
    )
    .option('--force', 'rebuild even when the image for this checkout exists')
    .action(async (opts: { offline?: boolean; online?: boolean; force?: boolean }) => {
      if (opts.offline && opts.online)
        throw new UserError('choose one of --offline and --online, not both', 2);
      const mode: ImageBuildMode = opts.offline ? 'offline' : opts.online ? 'online' : 'auto';
      const result = await ensureNodeImage({ mode, force: Boolean(opts.force), progress: printProgress() });
      const how = result.built ? `built (${result.mode})` : 'already built for this checkout';
      process.stdout.write(`${result.tag} ${how} in ${formatDuration(result.durationMs)}\n`);
    });
}
