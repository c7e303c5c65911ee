import { UsageError } from './usage-error.js';

/** What a base URL setting may hold beyond an origin. */
export interface BaseUrlRule {
  /** A path prefix (a gateway's `/twilio-api`) is allowed (default); false: an origin only. */
  path?: boolean;
  /** What to do instead of writing credentials into the URL (default: nothing more is said). */
  credentials?: string;
}

/**
 * The one check of a base URL setting (TARGET_URL, --target, --public-url…): an absolute http(s) URL without
 * credentials, query or fragment, a path prefix allowed unless the rule says origin only. Returns it as links are
 * judged at it (spec/links.ts baseOf): origin and path prefix, no trailing slash. A UsageError names the setting and
 * never echoes a password.
 */
export function checkBaseUrl(setting: string, raw: string, rule: BaseUrlRule = {}): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new UsageError(
      `${setting} must be an absolute http(s) URL such as http://127.0.0.1:4010; received ${JSON.stringify(raw)}`,
    );
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new UsageError(`${setting} must use http or https; received ${u.protocol}`);
  if (u.username || u.password)
    throw new UsageError(`${setting} must not contain credentials${rule.credentials ? `; ${rule.credentials}` : ''}`);
  const path = u.pathname.replace(/\/+$/, '');
  if (rule.path === false && (path !== '' || u.search || u.hash))
    throw new UsageError(
      `${setting} must be an origin such as http://127.0.0.1:4010, without a path, query or fragment; received ${JSON.stringify(raw)}`,
    );
  if (u.search || u.hash)
    throw new UsageError(
      `${setting} must be a base URL without a query or fragment (a path prefix such as /twilio-api is fine); received ${JSON.stringify(u.origin + u.pathname)} with one`,
    );
  return u.origin + path;
}
