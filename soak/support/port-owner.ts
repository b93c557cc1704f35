// Which process listens on a loopback port: the server child's pid, which test/e2e/server-process.ts does not
// expose (its child is started through server/exec/run.ts). Read from /proc, so nothing but Linux is needed.
import { readdir, readlink } from 'node:fs/promises';
import { readTextIfExists } from '../../server/files/missing-ok.js';

const LISTEN = '0A';

/** Socket inodes listening on `port` in the text of /proc/net/tcp or /proc/net/tcp6. */
export function listeningInodes(procNetTcp: string, port: number): string[] {
  const inodes: string[] = [];
  for (const line of procNetTcp.split('\n').slice(1)) {
    // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode …
    const fields = line.trim().split(/\s+/);
    const local = fields[1];
    const state = fields[3];
    const inode = fields[9];
    if (!local || !inode || state !== LISTEN) continue;
    const hexPort = local.split(':').pop();
    if (hexPort && Number.parseInt(hexPort, 16) === port && inode !== '0') inodes.push(inode);
  }
  return inodes;
}

/** The pid holding a listening socket on `port`, or null when no process does (or it is not ours to see). */
export async function pidListeningOn(port: number): Promise<number | null> {
  const tables = await Promise.all(['/proc/net/tcp', '/proc/net/tcp6'].map((f) => readTextIfExists(f)));
  const wanted = new Set(tables.flatMap((text) => (text ? listeningInodes(text, port) : [])));
  if (!wanted.size) return null;
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = await readdir(`/proc/${entry}/fd`);
    } catch (error) {
      // the process ended while we looked, or belongs to someone we may not inspect
      if (['ENOENT', 'EACCES', 'ESRCH'].includes((error as NodeJS.ErrnoException).code ?? '')) continue;
      throw error;
    }
    for (const fd of fds) {
      // a descriptor closed between readdir and readlink is simply not the socket we look for
      const target = await readlink(`/proc/${entry}/fd/${fd}`).catch(() => '');
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode && wanted.has(inode)) return Number(entry);
    }
  }
  return null;
}
