import { show, type Violation } from '../spec/violation.js';

/** The credentials a text must never show: the auth token, and the account SID it is paired with in a Basic header;
 * a second account's pair too when the target names one (tenancy probes). */
export interface Secret {
  readonly accountSid: string;
  readonly authToken: string;
  readonly otherAccountSid?: string;
  readonly otherAuthToken?: string;
}

/** Every spelling of the secret that could reach an output: plain, Basic-encoded, base64, base64url, percent-encoded. */
export function secretForms(secret: Secret): string[] {
  const { otherAccountSid, otherAuthToken } = secret;
  const other = otherAuthToken ? pairForms(otherAccountSid ?? '', otherAuthToken) : [];
  // Longest first, so that a longer form is replaced whole before a shorter one inside it.
  return [...new Set([...pairForms(secret.accountSid, secret.authToken), ...other])].sort(
    (a, b) => b.length - a.length,
  );
}

/** The forms of one account's token and Basic pair. */
function pairForms(accountSid: string, token: string): string[] {
  if (!token) return [];
  const pair = `${accountSid}:${token}`;
  const encodings = (text: string): string[] => {
    const b64 = Buffer.from(text).toString('base64');
    const b64url = Buffer.from(text).toString('base64url');
    return [text, b64, b64.replace(/=+$/, ''), b64url, encodeURIComponent(b64)];
  };
  const forms = [...encodings(token), ...encodings(pair).slice(1), encodeURIComponent(token), encodeURIComponent(pair)];
  return forms.filter((f) => f.length >= 8);
}

const BASIC_VALUE = /(Basic\s+)[A-Za-z0-9+/=_-]{8,}/gi;
/** Where a Basic value could start: the word and a space, in any case (BASIC_VALUE is a stricter form of it). */
const BASIC_WORD = /basic\s/i;

/** The secrets a text is redacted against: one target's, a list (the proxy's, every pair seen), or none. */
export type Secrets = Secret | readonly Secret[] | null | undefined;

/** Redaction for fixed secrets, their forms computed once: for a hot path that redacts or searches many texts. */
export interface Redactor {
  /** True when a text shows a form of a secret or any Basic credentials: what redact() would change. */
  holds(text: string): boolean;
  /** The text with every form of every secret, and any Basic credentials, removed. */
  redact(text: string): string;
}

/** A Redactor for the secrets: one target's, a list (the proxy's, every pair seen), or none. */
export function redactorFor(secrets: Secrets): Redactor {
  const list: readonly Secret[] = !secrets ? [] : 'authToken' in secrets ? [secrets] : secrets;
  const forms = list.flatMap(secretForms);
  // a form holding another form cannot be present without it: searching for the inner one is enough
  const search = forms.filter((f) => !forms.some((g) => g !== f && f.includes(g)));
  const holds = (text: string): boolean => search.some((f) => text.includes(f)) || BASIC_WORD.test(text);
  return {
    holds,
    redact(text) {
      if (!holds(text)) return text; // nothing any form or BASIC_VALUE would match: the text as it is
      let out = text;
      for (const form of forms) if (out.includes(form)) out = out.split(form).join('[redacted]');
      return out.replace(BASIC_VALUE, '$1[redacted]');
    },
  };
}

/**
 * Removes every form of every secret, and any Basic credentials at all, from a text: the one redaction of every output
 * (the suite, load, the proxy and its recordings, diff, the emulator CLI).
 */
export function redact(text: string, secrets: Secrets): string {
  return redactorFor(secrets).redact(text);
}

/** A violation with every text through redact(): values quoted from a 200 body may carry the credentials. */
export function redactViolation(v: Violation, secrets: Secrets): Violation {
  const clean = (text: string): string => redact(text, secrets);
  const out: Violation = { check: v.check, pointer: clean(v.pointer), message: clean(v.message) };
  if (v.expected !== undefined) out.expected = clean(show(v.expected));
  if (v.actual !== undefined) out.actual = clean(show(v.actual));
  if (v.request !== undefined) out.request = clean(v.request);
  return out;
}
