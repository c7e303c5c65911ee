/** 127.0.0.0/8, ::1 and localhost: the only hosts this project's tests and load runs send traffic to. */
const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|\[::1\]|localhost)$/i;

/** True when a host name (as URL.hostname gives it, or as typed: brackets, a trailing dot) is a loopback address. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host.replace(/\.$/, ''));
}
