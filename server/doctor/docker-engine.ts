import { HOST_PREPARE, type CheckResult, type DoctorContext } from './types.js';

export const ENGINE_CHECK = 'Docker engine';

export function checkDockerEngine(ctx: DoctorContext): CheckResult {
  const endpoint = ctx.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
  const { engine } = ctx;
  if (engine.reachable) {
    return { name: ENGINE_CHECK, ok: true, detail: `server ${engine.info.serverVersion} at ${endpoint}` };
  }
  if (engine.reason === 'no-cli') {
    return {
      name: ENGINE_CHECK,
      ok: false,
      detail: 'docker CLI not found on PATH',
      fix: `install and start Docker: ${HOST_PREPARE} (Debian/Ubuntu), or install Docker Engine for your OS`,
    };
  }
  const fix = /permission denied/i.test(engine.message)
    ? 'let your user reach the engine: sudo usermod -aG docker "$USER", then log in again'
    : `start the engine: ${HOST_PREPARE} (or systemctl start docker)` +
      (ctx.env.DOCKER_HOST ? `; or unset DOCKER_HOST if ${ctx.env.DOCKER_HOST} is not where it runs` : '');
  return { name: ENGINE_CHECK, ok: false, detail: `cannot reach the engine: ${engine.message}`, fix };
}
