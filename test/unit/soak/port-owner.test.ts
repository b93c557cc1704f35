// The soak reads the server's RSS from the pid that listens on its port; the /proc/net/tcp parsing must pick the
// listening socket of that port only (not a connection to it, not another port).
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { after, describe, it } from 'node:test';
import { listeningInodes, pidListeningOn } from '../../../soak/support/port-owner.js';

// /proc/net/tcp as the kernel writes it: 0A is LISTEN, 01 ESTABLISHED; ports in hex (0x1F90 = 8080)
const TABLE = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0
   1: 0100007F:1F90 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 4343 1 0000000000000000 20 4 30 10 -1
   2: 0100007F:1F91 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4444 1 0000000000000000 100 0 0 10 0
`;

describe('port owner', () => {
  it('takes the listening socket of the port, not its connections or other ports', () => {
    assert.deepEqual(listeningInodes(TABLE, 8080), ['4242']);
    assert.deepEqual(listeningInodes(TABLE, 8082), []);
  });

  let server: Server | undefined;
  after(() => server?.close());

  it('finds this process as the owner of a port it listens on', async () => {
    server = createServer();
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    assert.ok(address && typeof address === 'object');
    assert.equal(await pidListeningOn(address.port), process.pid);
  });
});
