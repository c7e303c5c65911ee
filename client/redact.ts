import { parseJson } from '../spec/json-bounded.js';
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
  /** The text with every form of every secret, and any Basic credentials, removed. */
  redact(text: string): string;
}

/** A Redactor for the secrets: one target's, a list (the proxy's, every pair seen), or none. */
export function redactorFor(secrets: Secrets): Redactor {
  const list: readonly Secret[] = !secrets ? [] : 'authToken' in secrets ? [secrets] : secrets;
  const forms = list.flatMap(secretForms);
  // a form holding another form cannot be present without it: searching for the inner one is enough
  const search = forms.filter((f) => !forms.some((g) => g !== f && f.includes(g)));
  // for each form, the searched forms inside it and where: it shows only where all of them show, that far before
  const inner = forms.map((f) => search.flatMap((s, i) => (f.includes(s) ? [{ i, offset: f.indexOf(s) }] : [])));
  // '[redacted]' put in a text could complete a form only if a form has a bracket (a plain token might); then every
  // form is looked for everywhere, after each replacement
  const closed = !forms.some((f) => f.includes('[') || f.includes(']'));
  /** Where form f can first show in the text, from where its inner forms first show; -1: it cannot show. */
  const earliest = (f: number, first: readonly number[]): number => {
    let from = 0;
    for (const { i, offset } of inner[f]) {
      if (first[i] < 0) return -1;
      from = Math.max(from, first[i] - offset);
    }
    return from;
  };
  return {
    redact(text) {
      let first: number[] | null = null; // where each searched form first shows, -1 nowhere; null: none shows
      for (let i = 0; i < search.length; i++) {
        const at = text.indexOf(search[i]);
        if (at >= 0) (first ??= search.map(() => -1))[i] = at;
      }
      // 'Basic' and a space cannot be made by a replacement (no bracket in it): looked for once, in the text
      const basic = BASIC_WORD.test(text);
      if (first === null && !basic) return text; // nothing any form or BASIC_VALUE would match: the text as it is
      let out = text;
      // longest first, so that a longer form is replaced whole before a shorter one inside it
      for (let f = 0; f < forms.length; f++) {
        const from = !closed ? 0 : first === null ? -1 : earliest(f, first);
        // positions are the text's: once a replacement has moved them, a form that can show is looked for everywhere
        if (from >= 0 && out.includes(forms[f], out === text ? from : 0)) out = out.replaceAll(forms[f], '[redacted]');
      }
      return basic ? out.replace(BASIC_VALUE, '$1[redacted]') : out;
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

/** Header values through the redactor: the same object when none changed (the usual answer). */
export function cleanHeaders(headers: Record<string, string>, redactor: Redactor): Record<string, string> {
  let out: Record<string, string> | null = null;
  for (const name in headers) {
    const value = redactor.redact(headers[name]);
    if (value !== headers[name]) (out ??= { ...headers })[name] = value;
  }
  return out ?? headers;
}

/**
 * A recorded response (headers, text, parsed JSON) with every form of the secrets removed, for a judge that reads it
 * after the fact (a HAR file): the same cleaning the live clients do as each answer arrives.
 */
export function cleanResponse<R extends { headers: Record<string, string>; text: string; json?: unknown }>(
  response: R,
  redactor: Redactor,
): R {
  const text = redactor.redact(response.text);
  const json = response.json === undefined ? undefined : text === response.text ? response.json : parseJson(text);
  return {
    ...response,
    headers: cleanHeaders(response.headers, redactor),
    text,
    json: cleanJson(json, text, redactor),
  };
}

/**
 * A parsed JSON body with every form of the secrets removed from its strings and keys, in place, given its text
 * already redacted: a text with a backslash may spell a form in JSON escapes (`\/` in base64, `\u0061`) that the
 * text search does not see, and that the parsed strings, quoted in an excerpt, would show. Walked without recursion:
 * a hostile body may nest 100 000 deep.
 */
export function cleanJson(json: unknown, text: string, redactor: Redactor): unknown {
  if (json === undefined || !text.includes('\\')) return json;
  if (typeof json === 'string') return redactor.redact(json);
  const clean = (v: unknown): unknown => (typeof v === 'string' ? redactor.redact(v) : v);
  const stack: unknown[] = [json];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const value = record[key];
      if (typeof value === 'object') stack.push(value);
      else record[key] = clean(value);
      const name = redactor.redact(key); // holds '[redacted]' when changed, so never __proto__
      if (name !== key) {
        record[name] = record[key];
        delete record[key];
      }
    }
  }
  return json;
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
