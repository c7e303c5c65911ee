import type { AuthMode } from '../../../spec/checks/index.js';

/** Quotes text for a double-quoted shell word (the environment variables in it still expand). */
function shellQuoted(text: string): string {
  return text.replace(/[\\"$`]/g, (c) => '\\' + c);
}

/** The credentials part of the curl line: read from the environment, never the values. */
function credentials(auth: AuthMode, otherAccountSid: string): string {
  switch (auth) {
    case 'valid':
      return '-u "$TARGET_ACCOUNT_SID:$TARGET_AUTH_TOKEN" ';
    case 'none':
      return '';
    case 'wrong-token':
      return '-u "$TARGET_ACCOUNT_SID:not-the-auth-token" ';
    case 'other-account':
      return `-u "${otherAccountSid}:$TARGET_AUTH_TOKEN" `;
    case 'other-tenant':
      return '-u "$TARGET_OTHER_ACCOUNT_SID:$TARGET_OTHER_AUTH_TOKEN" ';
    case 'bearer':
      return '-H "Authorization: Bearer $TARGET_AUTH_TOKEN" ';
    case 'not-base64':
      return '-H "Authorization: Basic $TARGET_ACCOUNT_SID:$TARGET_AUTH_TOKEN" ';
    case 'no-colon':
      return '-H "Authorization: Basic $(printf %s "$TARGET_ACCOUNT_SID$TARGET_AUTH_TOKEN" | base64 -w0)" ';
    case 'empty-token':
      return '-u "$TARGET_ACCOUNT_SID:" ';
  }
}

/** A ready curl command for a request; credentials come from TARGET_* in the shell, so the line holds no secret. */
export function curlLine(path: string, auth: AuthMode, otherAccountSid: string): string {
  return `curl -sS -i --path-as-is ${credentials(auth, otherAccountSid)}"$TARGET_URL${shellQuoted(path)}"`;
}
