import { parseFlags, UsageError } from '../client/usage-error.js';
import { PROXY_DEFAULTS, type ProxyOptions } from './proxy-options.js';

/** What `npm run proxy -- --help` prints. */
export const PROXY_USAGE = `usage: receipt-harness proxy --target URL [options]
  --target URL          base URL of the API to forward to, a path prefix allowed (loopback unless --allow-remote)
  --port N              port to listen on (default ${PROXY_DEFAULTS.port}; 0: any free port)
  --host HOST           address to listen on (default ${PROXY_DEFAULTS.host}; loopback unless --allow-remote)
  --public-url URL      base URL the target writes into links (default: the target's)
  --record FILE         write every exchange to a JSONL recording (credentials removed)
  --violations-header   add X-Contract-Violations: N to every judged answer
  --timeout-ms N        time limit of one upstream answer (default ${PROXY_DEFAULTS.timeoutMs})
  --max-body-bytes N    largest body judged and forwarded, after decompression (default ${PROXY_DEFAULTS.maxBodyBytes})
  --allow-remote        allow a target or listening address off this machine
Ctrl-C (or SIGTERM) stops it and writes the summary to $REPORT_DIR/proxy (default reports/proxy).`;

/** A whole-number option, or a UsageError naming it. */
function integer(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,10}$/.test(text)) throw new UsageError(`--${name}: got ${JSON.stringify(text)}; allowed: a whole number`);
  return Number(text);
}

/** Reads the proxy's command line into createProxy() options (or help); a UsageError is one line. */
export function readProxyArgs(argv: string[]): ProxyOptions | 'help' {
  const values: Record<string, string | boolean | undefined> = parseFlags(argv, {
    target: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    'public-url': { type: 'string' },
    record: { type: 'string' },
    'violations-header': { type: 'boolean' },
    'timeout-ms': { type: 'string' },
    'max-body-bytes': { type: 'string' },
    'allow-remote': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  const str = (k: string): string | undefined => values[k] as string | undefined;
  return {
    target: str('target') ?? '',
    port: integer('port', str('port')),
    host: str('host'),
    publicUrl: str('public-url'),
    record: str('record'),
    violationsHeader: Boolean(values['violations-header']),
    timeoutMs: integer('timeout-ms', str('timeout-ms')),
    maxBodyBytes: integer('max-body-bytes', str('max-body-bytes')),
    allowRemote: Boolean(values['allow-remote']),
  };
}
