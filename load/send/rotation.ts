import type { Client, Request } from 'autocannon';

/** How requests rotate over the discovered paths: the `requests` option and a `setupClient` hook. */
export interface Rotation {
  requests: Request[];
  attach(client: Client): void;
}

/**
 * Gives each connection its own share of the paths (connection i takes paths i, i+n, i+2n, …), so every path is used and no
 * two connections walk in step. autocannon builds each client's whole request list up front, so sharing one list of
 * 1000 paths over 10 connections would build 10 000 buffers inside the measured time; shares build each path once.
 * With pipelining > 1 autocannon forbids changing a client's requests, so every connection rotates over all paths.
 */
export function createRotation(paths: readonly string[], connections: number, pipelining: number): Rotation {
  const all = paths.map((path): Request => ({ method: 'GET', path }));
  if (pipelining > 1) return { requests: all, attach: () => {} };
  let next = 0;
  return {
    requests: all.slice(0, 1),
    attach(client) {
      const i = next++ % connections;
      const share = all.filter((_, j) => j % connections === i);
      client.setRequests(share.length > 0 ? share : [all[i % all.length]]);
    },
  };
}
