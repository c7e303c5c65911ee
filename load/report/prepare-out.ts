import { accessSync, constants, existsSync, mkdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../../client/usage-error.js';

/** The nearest folder of `path` that exists, links resolved (/proc/self/cwd/x is the real folder it names). */
function existingAncestor(path: string): string {
  let p = resolve(path);
  while (!existsSync(p) && dirname(p) !== p) p = dirname(p);
  return realpathSync(p);
}

/**
 * Creates the report folder and checks it can be written before any load is sent: a run must not end in reports it
 * cannot write. `setting` names where the folder came from (`--out` or `REPORT_DIR`) in the one-line refusal.
 */
export function prepareOut(dir: string, setting = '--out'): void {
  const fix = `give a folder that can be written, e.g. ${setting === '--out' ? '--out ' : `${setting}=`}reports`;
  const base = existingAncestor(dir);
  // Node's recursive mkdir never returns under /proc (it retries there forever): no report can live there anyway
  if (base === '/proc' || base.startsWith('/proc/'))
    throw new UsageError(`${setting} ${dir}: under /proc, where no report can be written; ${fix}`);
  try {
    mkdirSync(dir, { recursive: true });
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
    accessSync(dir, constants.W_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    const why = code === 'EEXIST' || code === 'ENOTDIR' ? 'a file is in the way' : code;
    throw new UsageError(`${setting} ${dir}: cannot write reports there (${why}); ${fix}`);
  }
}
