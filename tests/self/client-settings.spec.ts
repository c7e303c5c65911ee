import { expect, test } from '../../fixtures/test.js';
import { readTarget, targetEnv } from '../../client/settings.js';
import { UsageError } from '../../client/usage-error.js';
import { contract, type SidField } from '../../spec/contract.js';
import { sidOf } from './exchanges.js';
import { runContract } from './run-contract.js';

/** The spec's pattern of a SID field, as the error message shows it. */
const pattern = (field: SidField): string => contract.sids.pattern(field).source;

const TOKEN = 'f00dfeedf00dfeedf00dfeedf00dfeed';
/** A complete, valid set of TARGET_* settings. */
const good: Record<string, string> = {
  TARGET_URL: 'http://127.0.0.1:4010',
  TARGET_ACCOUNT_SID: sidOf('account_sid', 'a'),
  TARGET_AUTH_TOKEN: TOKEN,
  TARGET_SERVICE_SID: sidOf('chat_service_sid', 'b'),
  TARGET_CONVERSATION_SID: 'support-chat',
  TARGET_MESSAGE_SID: sidOf('message_sid', 'c'),
  TARGET_DEFAULT_CONVERSATION_SID: sidOf('conversation_sid', 'd'),
  TARGET_DEFAULT_MESSAGE_SID: sidOf('message_sid', 'd'),
};

/** One broken setting each, and the words the one-line error must contain. */
const broken: [string, string | undefined, string][] = [
  // set but empty (a CI secret that expanded to nothing) is not the embedded emulator
  ['TARGET_URL', '', 'set but empty'],
  ['TARGET_URL', ' ', 'set but empty'],
  ['TARGET_URL', 'localhost:4010', 'http or https'],
  ['TARGET_URL', 'not a url', 'http(s) URL'],
  ['TARGET_URL', 'http://127.0.0.1:4010/twilio-api?x=1', 'without a query or fragment'],
  ['TARGET_URL', 'http://127.0.0.1:4010/#top', 'without a query or fragment'],
  ['TARGET_PUBLIC_URL', 'https://api.example.test/twilio-api?x=1', 'without a query or fragment'],
  ['TARGET_URL', `http://user:${TOKEN}@127.0.0.1:4010`, 'must not contain credentials'],
  ['TARGET_PUBLIC_URL', 'ftp://example.com', 'http or https'],
  ['TARGET_ACCOUNT_SID', undefined, 'is not set'],
  ['TARGET_ACCOUNT_SID', 'ACnothex', pattern('account_sid')],
  ['TARGET_AUTH_TOKEN', undefined, 'is not set'],
  ['TARGET_AUTH_TOKEN', `${TOKEN}\n`, 'control characters'],
  ['TARGET_SERVICE_SID', 'IS123', pattern('chat_service_sid')],
  ['TARGET_CONVERSATION_SID', undefined, 'is not set'],
  ['TARGET_MESSAGE_SID', sidOf('sid', 'c'), pattern('message_sid')],
  ['TARGET_DEFAULT_CONVERSATION_SID', undefined, 'is not set'],
  ['TARGET_DEFAULT_MESSAGE_SID', undefined, 'is not set'],
  ['TARGET_DEFAULT_MESSAGE_SID', sidOf('sid', 'd'), pattern('message_sid')],
  ['TARGET_OTHER_ACCOUNT_SID', 'ACnothex', pattern('account_sid')],
];

const OTHER_TOKEN = 'beefcafebeefcafebeefcafebeefcafe';
/** The optional second account, both settings. */
const other = { TARGET_OTHER_ACCOUNT_SID: sidOf('account_sid', 'e'), TARGET_OTHER_AUTH_TOKEN: OTHER_TOKEN };

/** A second account's settings that are refused, and the exact one line each gets. */
const otherRefused: [string, Record<string, string | undefined>, string][] = [
  [
    'the SID without the token',
    { ...other, TARGET_OTHER_AUTH_TOKEN: undefined },
    'TARGET_OTHER_AUTH_TOKEN is not set; set it to the Auth Token of TARGET_OTHER_ACCOUNT_SID (it is never printed)',
  ],
  [
    'the token without the SID',
    { ...other, TARGET_OTHER_ACCOUNT_SID: undefined },
    'TARGET_OTHER_ACCOUNT_SID is not set but TARGET_OTHER_AUTH_TOKEN is; set it to the SID of a second account of the target, or unset both',
  ],
  [
    'a SID that is not an account SID',
    { ...other, TARGET_OTHER_ACCOUNT_SID: sidOf('chat_service_sid', 'e') },
    `TARGET_OTHER_ACCOUNT_SID must match ${pattern('account_sid')} (the SID of a second account of the same target); received ${JSON.stringify(sidOf('chat_service_sid', 'e'))}`,
  ],
  [
    'the first account again (upper-case hex is the same SID)',
    { ...other, TARGET_OTHER_ACCOUNT_SID: good.TARGET_ACCOUNT_SID.toUpperCase() },
    'TARGET_OTHER_ACCOUNT_SID is TARGET_ACCOUNT_SID; set it to a second account of the target, or unset both',
  ],
  [
    'a token with a stray newline',
    { ...other, TARGET_OTHER_AUTH_TOKEN: `${OTHER_TOKEN}\n` },
    'TARGET_OTHER_AUTH_TOKEN contains control characters (a stray newline?); set it to the bare Auth Token',
  ],
];

test.describe('Target settings (client/settings.ts)', () => {
  test('TARGET_URL unset: the embedded emulator is used', () => {
    expect(readTarget({})).toBeNull();
  });

  test('a valid set is read, frozen, defaults TARGET_PUBLIC_URL, accepts a unique name, and hides the token', () => {
    const t = readTarget(good);
    expect(t?.publicUrl).toBe(good.TARGET_URL);
    expect(t?.conversationSid).toBe('support-chat');
    expect(t?.authToken).toBe(TOKEN);
    expect(Object.isFrozen(t)).toBe(true);
    expect(JSON.stringify(t)).not.toContain(TOKEN);
  });

  test('a base URL may carry a path prefix (a gateway); a trailing slash is dropped, for TARGET_PUBLIC_URL too', () => {
    const t = readTarget({ ...good, TARGET_URL: 'http://127.0.0.1:4010/twilio-api/' });
    expect(t?.url).toBe('http://127.0.0.1:4010/twilio-api');
    expect(t?.publicUrl).toBe('http://127.0.0.1:4010/twilio-api');
    expect(readTarget({ ...good, TARGET_URL: 'http://127.0.0.1:4010/' })?.url).toBe('http://127.0.0.1:4010');
    const behind = readTarget({ ...good, TARGET_PUBLIC_URL: 'https://gw.example.test/a/b/' });
    expect(behind?.publicUrl).toBe('https://gw.example.test/a/b');
  });

  test('a query or fragment is refused with the exact line, which never repeats the query', () => {
    expect(() => readTarget({ ...good, TARGET_URL: 'http://127.0.0.1:4010/twilio-api?key=s3cret' })).toThrow(
      'TARGET_URL must be a base URL without a query or fragment (a path prefix such as /twilio-api is fine); ' +
        'received "http://127.0.0.1:4010/twilio-api" with one',
    );
  });

  test('the default-service message is optional: both unset leave it out, both set are read', () => {
    const { TARGET_DEFAULT_CONVERSATION_SID: conversation, TARGET_DEFAULT_MESSAGE_SID: message, ...rest } = good;
    const without = readTarget(rest);
    expect(without?.defaultConversationSid).toBeUndefined();
    expect(without?.defaultMessageSid).toBeUndefined();
    expect(readTarget(good)).toMatchObject({ defaultConversationSid: conversation, defaultMessageSid: message });
  });

  test('the second account is optional: both unset leave it out, both set are read, and its token is hidden too', () => {
    expect(readTarget(good)?.otherAccountSid).toBeUndefined();
    const t = readTarget({ ...good, ...other });
    expect(t).toMatchObject({ otherAccountSid: other.TARGET_OTHER_ACCOUNT_SID, otherAuthToken: OTHER_TOKEN });
    expect(JSON.stringify(t)).not.toContain(OTHER_TOKEN);
    expect(Object.keys(t ?? {})).not.toContain('otherAuthToken');
    expect(targetEnv(t!)).toMatchObject(other); // what a nested run or `npm run emulator` hands on
  });

  for (const [what, env, line] of otherRefused) {
    test(`a second account with ${what} is refused with its one line, never the token`, () => {
      expect(() => readTarget({ ...good, ...env })).toThrow(line);
      try {
        readTarget({ ...good, ...env });
      } catch (e) {
        expect((e as Error).message).not.toContain(OTHER_TOKEN);
      }
    });
  }

  for (const [name, value, words] of broken) {
    test(`${name}=${JSON.stringify(value ?? null).replace(TOKEN, '<token>')} is refused with one line naming it`, () => {
      const env = { ...good, [name]: value };
      let message = '';
      try {
        readTarget(env);
      } catch (e) {
        expect(e).toBeInstanceOf(UsageError);
        message = (e as Error).message;
      }
      expect(message.startsWith(name)).toBe(true);
      expect(message).toContain(words);
      expect(message).not.toContain('\n');
      expect(message).not.toContain(TOKEN);
    });
  }

  test('a bad setting stops `playwright test --project contract` before any test, in one line, without the token', async () => {
    test.setTimeout(60_000); // a safety net, not a speed assertion
    const run = await runContract({ ...good, TARGET_SERVICE_SID: 'IS123' });
    expect(run.code).not.toBe(0);
    expect(run.output.trim()).toBe(
      `Target settings: TARGET_SERVICE_SID must match ${pattern('chat_service_sid')} (the SID of a non-default Conversation Service); received "IS123"`,
    );
    expect(run.output).not.toContain(TOKEN);
  });
});
