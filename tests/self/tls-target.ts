import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:tls';
import { create, type Emulator } from '../../emulator/server.js';

/** The emulator behind HTTPS on loopback, with a certificate made for this test only (its own CA, self-signed). */
export interface TlsTarget {
  url: string;
  /** The PEM file a client trusts it through: NODE_EXTRA_CA_CERTS. */
  caFile: string;
  emulator: Emulator;
  stop(): Promise<void>;
}

/** A self-signed certificate for 127.0.0.1 and localhost, valid one day, made by openssl in a temporary folder. */
function makeCertificate(): { certFile: string; keyFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tls-target-'));
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  const subject = ['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'];
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyFile];
  execFileSync('openssl', ['req', '-x509', ...key, '-out', certFile, '-days', '1', ...subject], { stdio: 'ignore' });
  return { certFile, keyFile };
}

/** Starts an emulator and a TLS front for it (TLS ends there, bytes go on to the emulator), links at the HTTPS URL. */
export async function startTlsTarget(): Promise<TlsTarget> {
  const { certFile, keyFile } = makeCertificate();
  let backend = 0;
  const front: Server = createServer({ cert: readFileSync(certFile), key: readFileSync(keyFile) }, (socket) => {
    const up = connect(backend, '127.0.0.1');
    socket.pipe(up).pipe(socket);
    up.on('error', () => socket.destroy());
    socket.on('error', () => up.destroy());
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(front.address() as { port: number }).port}`;
  const emulator = await create({ port: 0, host: '127.0.0.1', publicUrl: url });
  backend = Number(new URL(emulator.url).port);
  const stop = async (): Promise<void> => {
    await new Promise<void>((resolve) => front.close(() => resolve()));
    await emulator.stop();
  };
  return { url, caFile: certFile, emulator, stop };
}
