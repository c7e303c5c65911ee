import twilio from 'twilio';
import { create, type Emulator, type EmulatorOptions, type FaultName } from '../../emulator/server.js';
import { createProxy, type Proxy, type ProxyOptions } from '../../proxy/server.js';
import { followPath, type LinkOrigins } from '../../client/link-policy.js';
import { secretForms } from '../../client/redact.js';

/** An emulator (with an optional fault) and a validating proxy in front of it, with every live line kept. */
export interface Rig {
  emulator: Emulator;
  proxy: Proxy;
  lines: string[];
  stop(): Promise<void>;
}

/** Starts an emulator and a proxy on loopback ports chosen by the system. */
export async function startRig(
  fault?: FaultName,
  options: Partial<ProxyOptions> = {},
  emulatorOptions: EmulatorOptions = {},
): Promise<Rig> {
  const emulator = await create({ port: 0, host: '127.0.0.1', fault, ...emulatorOptions });
  const lines: string[] = [];
  const proxy = await createProxy({ target: emulator.url, port: 0, print: (l) => lines.push(l), ...options });
  return {
    emulator,
    proxy,
    lines,
    stop: async () => {
      await proxy.stop();
      await emulator.stop();
    },
  };
}

/**
 * The SDK's own HTTP client, sending every request to the proxy's origin instead: its own base URL's paths as they
 * are, a link of the target (next_page_url) as the API path under the target's base URL (a gateway's prefix dropped).
 */
function viaProxy(origin: string, target: LinkOrigins): InstanceType<typeof twilio.RequestClient> {
  const client = new twilio.RequestClient();
  const send = client.request.bind(client);
  client.request = ((opts: Parameters<typeof send>[0]) => {
    const u = new URL(opts.uri);
    return send({ ...opts, uri: origin + (followPath(opts.uri, target) ?? u.pathname + u.search) });
  }) as typeof client.request;
  return client;
}

/** The official twilio-node client for the rig's target, talking through the proxy. */
export function sdkThrough(rig: Rig): twilio.Twilio {
  const t = rig.emulator.target;
  return twilio(t.accountSid, t.authToken, { httpClient: viaProxy(rig.proxy.url, t) });
}

/** The SDK's handle on the rig's target message in its service (`.deliveryReceipts` lists and fetches). */
export function sdkMessage(rig: Rig, client = sdkThrough(rig)) {
  const t = rig.emulator.target;
  return client.conversations.v1.services(t.serviceSid).conversations(t.conversationSid).messages(t.messageSid);
}

/** The credential forms of the rig's target found in a text (empty: none leaked). */
export function leaks(rig: Rig, text: string): string[] {
  const t = rig.emulator.target;
  return secretForms({ accountSid: t.accountSid, authToken: t.authToken }).filter((f) => text.includes(f));
}
