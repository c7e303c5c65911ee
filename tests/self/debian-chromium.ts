/** Debian's chromium (apt-get install chromium, done by .ci/run): no browser is ever downloaded. */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless, and none of the background networking a closed machine refuses. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
