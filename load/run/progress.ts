import type { Progress } from '../send/fire.js';

/** Where progress goes: a live line on an interactive terminal, plain lines otherwise (CI logs stay quiet). */
export interface Reporter {
  line(text: string): void;
  progress(p: Progress): void;
  done(): void;
}

/** A reporter for a stream: `\r`-rewritten status only when it is a TTY. */
export function createReporter(stream: NodeJS.WritableStream & { isTTY?: boolean }): Reporter {
  let live = false;
  const clear = (): void => {
    if (live) {
      stream.write('\r\x1b[K');
      live = false;
    }
  };
  return {
    line(text) {
      clear();
      stream.write(text + '\n');
    },
    progress(p) {
      if (!stream.isTTY) return;
      live = true;
      stream.write(
        `\r\x1b[K  ${p.scenario} ${p.phase} ${p.elapsed.toFixed(1)} s, ${p.responses} responses, ${Math.round(p.responses / Math.max(p.elapsed, 0.001))} req/s`,
      );
    },
    done: clear,
  };
}
