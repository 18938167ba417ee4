// Start a loopback fixture server and learn its port: a listen error (port taken, address unavailable)
// rejects instead of surfacing later as an unhandled 'error' event.
import type { AddressInfo, Server } from 'node:net';

export async function listen(server: Server, host: string, port = 0): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}
