// A bench:load generator process for the --workers comparison: runs its shard of the fetch scenario when told, from
// the instant the parent names once all are warm (so the processes overlap), and reports its answers and CPU time.
import { runScenario } from '../run/run-scenario.js';
import type { Scenario } from '../run/scenario-file.js';
import type { Shard } from '../shards/shard.js';
import { shardPaths, shardScenario } from '../shards/shard-scenario.js';
import type { Secret } from '../../client/redact.js';

/** What the parent sends first: where, what and which shard; then `{ startAt }` once every process is warm. */
export interface ShardJob {
  url: string;
  publicUrl: string;
  secret: Secret;
  scenario: Scenario;
  paths: string[];
  shard: Shard;
}

/** What this process reports back. */
export interface ShardReport {
  answers: number;
  seconds: number;
  cpuUs: number;
  sampled: number;
  invalid: number;
}

/** How long each process warms up (JIT, sockets) before the measured run, as the in-process side does. */
const WARM_UP_S = 1;

process.once('message', (job: ShardJob) => {
  const s = shardScenario(job.scenario, job.shard);
  const drive = {
    url: job.url,
    publicUrl: job.publicUrl,
    secret: job.secret,
    paths: shardPaths(s.name, job.paths, job.shard),
  };
  void runScenario({ ...s, duration: WARM_UP_S }, drive).then(() => {
    process.once('message', ({ startAt }: { startAt: number }) => {
      setTimeout(
        () => {
          const cpu = process.cpuUsage();
          void runScenario(s, drive).then((r) => {
            const used = process.cpuUsage(cpu);
            const report: ShardReport = {
              answers: r.requests.total,
              seconds: r.duration,
              cpuUs: used.user + used.system,
              sampled: r.sampled,
              invalid: r.mismatches,
            };
            process.send!(report, () => process.exit(0));
          });
        },
        Math.max(0, startAt - Date.now()),
      );
    });
    process.send!('warm');
  });
});
