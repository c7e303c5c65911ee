import { lookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { orExit } from './or-exit.js';
import { UsageError } from './usage-error.js';

/** How long a target has to accept a connection (and finish the TLS handshake) before it counts as unreachable. */
export const REACH_TIMEOUT_MS = 10_000;

/** TLS verification failures: the target is there, but this machine does not trust it (Node's error codes). */
const UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
]);

/** What to do about a failure to reach a target, by Node's error code; null when the code says something else. */
function advice(e: NodeJS.ErrnoException, host: string, setting: string): string | null {
  const code = e.code ?? '';
  if (code === 'ECONNREFUSED') return `connection refused: nothing listens there; start the target or fix ${setting}`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return `unknown host ${JSON.stringify(host)}: no address found for it; fix the host name in ${setting}`;
  if (UNTRUSTED.has(code))
    return (
      `the TLS certificate is not trusted (${e.message}); set NODE_EXTRA_CA_CERTS to a PEM file holding the CA ` +
      'that signed it (e.g. NODE_EXTRA_CA_CERTS=/etc/ssl/private-ca.pem)'
    );
  if (code === 'CERT_HAS_EXPIRED') return `the TLS certificate has expired (${e.message}); renew it on the target`;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return `the TLS certificate does not name ${JSON.stringify(host)}; set ${setting} to a host name it was issued for`;
  if (code === 'ETIMEDOUT' || code === 'ECONNRESET' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH')
    return `no connection (${code}); check that the target is up and ${setting} names it`;
  return null;
}

/**
 * DNS as usual, except for names under `.invalid`, which never resolve (RFC 6761 §6.4): answered at once, so that no
 * query leaves the machine for them.
 */
function lookupName(
  host: string,
  options: LookupOptions,
  done: (e: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
): void {
  if (!/(^|\.)invalid\.?$/i.test(host)) return void lookup(host, options, done as never);
  const e: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${host}`);
  e.code = 'ENOTFOUND';
  done(e, []);
}

/** Opens a connection to the URL's host (with the TLS handshake for https) and closes it; rejects with Node's error. */
function touch(url: URL): Promise<void> {
  const https = url.protocol === 'https:';
  const port = Number(url.port || (https ? 443 : 80));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    const options = { host, port, lookup: lookupName, timeout: REACH_TIMEOUT_MS };
    const socket: Socket = https
      ? tlsConnect({ ...options, servername: /^[\d.]+$|:/.test(host) ? undefined : host }, () => done())
      : netConnect(options, () => done());
    const done = (e?: Error): void => {
      socket.destroy();
      if (e) reject(e);
      else resolve();
    };
    socket.on('error', done);
    socket.on('timeout', () => done(Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' })));
  });
}

/**
 * Checks that a base URL can be reached at all before a command sends anything: a refused connection, an unknown
 * host or an untrusted TLS certificate is a UsageError, one line naming the setting and what to set; nothing else
 * is judged here (a target that answers badly is the checks' business).
 */
export async function checkReachable(setting: string, url: string): Promise<void> {
  const u = new URL(url);
  try {
    await touch(u);
  } catch (e) {
    const why = advice(e as NodeJS.ErrnoException, u.hostname, setting) ?? `cannot connect (${(e as Error).message})`;
    throw new UsageError(`${setting} ${u.origin} cannot be reached: ${why}`);
  }
}

/** checkReachable for a config: the one line and exit 2 before any test starts. */
export async function checkReachableOrExit(setting: string, url: string): Promise<void> {
  try {
    await checkReachable(setting, url);
  } catch (e) {
    orExit('Target', () => {
      throw e;
    });
  }
}
