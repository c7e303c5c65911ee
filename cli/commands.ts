/** One subcommand of receipt-harness: the module that runs it, whether it reads a target, and what it does. */
export interface Command {
  /** The entry point, relative to this folder; it reads process.argv after the subcommand, like an npm script. */
  module: string;
  /** True when the command reads TARGET_* (so the --target-* flags apply to it). */
  target: boolean;
  summary: string;
}

/** Every subcommand, in the order `receipt-harness --help` lists them; npm run scripts call the same entry points. */
export const COMMANDS = {
  contract: {
    module: './contract.js',
    target: true,
    summary: 'run the contract suite against the target (or an embedded emulator); reports under ./reports',
  },
  replay: {
    module: '../tests/contract/generated/replay.js',
    target: true,
    summary: "re-send the generated phase's saved failures (reports/contract/failures.jsonl)",
  },
  compare: {
    module: '../report/compare-cli.js',
    target: false,
    summary: 'compare two conformance.json reports: what broke, what was fixed',
  },
  load: {
    module: '../load/cli.js',
    target: true,
    summary:
      'drive the target with the load scenarios, judge their thresholds; reports in ./reports/load or $REPORT_DIR/load',
  },
  merge: {
    module: '../load/merge-cli.js',
    target: false,
    summary: "merge several load generators' result.json files into one report and verdict",
  },
  proxy: {
    module: '../proxy/cli.js',
    target: false,
    summary: 'a validating proxy: forwards traffic to --target and judges every exchange',
  },
  judge: {
    module: '../proxy/judge-cli.js',
    target: false,
    summary: 'judge a recording (JSONL from the proxy) or a HAR file offline',
  },
  diff: { module: '../proxy/diff-cli.js', target: false, summary: "compare two targets' shapes (--a URL --b URL)" },
  emulator: {
    module: '../emulator/cli.js',
    target: false,
    summary: 'serve the contract on 127.0.0.1; prints the TARGET_* lines that point a client at it',
  },
} as const satisfies Record<string, Command>;

/** A subcommand's name. */
export type CommandName = keyof typeof COMMANDS;
