/**
 * A Kubernetes Indexed Job for a sweep: completion index I (from 0) runs shard I+1 of N into
 * `<out>/shard-(I+1)`, the same shard folders as on Slurm, on a shared volume mounted in every pod at
 * the path it has on the machine that wrote the manifest. A pure function from options to YAML;
 * goodhart does not apply it (`kubectl apply -f`), and the merge is run after the job completes.
 */
import { stringify } from 'yaml';
import { mergeFlags, quote, shardFolder, type ShardedSweep } from './command.ts';

export interface KubernetesOptions {
  /** The Job's name (a DNS label). */
  name: string;
  /** A container image with Node 20 (its `node` runs the shared install). */
  image: string;
  /** The PersistentVolumeClaim of the shared folder, and where it is mounted in the pods. */
  volumeClaim: string;
  mount: string;
  /** CPUs per pod (= worker threads), and pods at once (default: every shard). */
  cpus: number;
  parallelism?: number;
}

/** The shell command of one pod: Kubernetes sets JOB_COMPLETION_INDEX from 0, shards count from 1. */
export function kubernetesCommand(sweep: ShardedSweep, cpus: number): string {
  return [
    'K=$((JOB_COMPLETION_INDEX + 1));',
    'exec node', quote(sweep.goodhart), 'sweep', quote(sweep.file),
    '--out', `${quote(shardFolder(sweep.out, ''))}"$K"`,
    '--shard', `"$K/${sweep.tasks}"`,
    '--workers', String(cpus),
    // A task has no terminal to ask in: the size of the sweep was the submitter's to weigh.
    '--resume', '--yes', ...sweep.flags.map(quote),
  ].join(' ');
}

export function kubernetesJob(sweep: ShardedSweep, options: KubernetesOptions): string {
  const manifest = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: options.name, labels: { app: 'goodhart' } },
    spec: {
      completionMode: 'Indexed',
      completions: sweep.tasks,
      parallelism: options.parallelism ?? sweep.tasks,
      template: {
        metadata: { labels: { app: 'goodhart' } },
        spec: {
          // A pod that fails is started again on the same index; --resume keeps its finished runs.
          restartPolicy: 'OnFailure',
          containers: [
            {
              name: 'shard',
              image: options.image,
              workingDir: options.mount,
              command: ['sh', '-c', kubernetesCommand(sweep, options.cpus)],
              resources: { requests: { cpu: String(options.cpus) } },
              volumeMounts: [{ name: 'shared', mountPath: options.mount }],
            },
          ],
          volumes: [{ name: 'shared', persistentVolumeClaim: { claimName: options.volumeClaim } }],
        },
      },
    },
  };
  return `# ${sweep.title}: a Kubernetes Indexed Job, index I runs shard I+1 of ${sweep.tasks} into ${shardFolder(sweep.out, 'K')}.\n` +
    `# Written by goodhart sweep --kubernetes. Apply with kubectl apply -f; when it completes, merge:\n` +
    `#   goodhart merge ${quote(shardFolder(sweep.out, ''))}{1..${sweep.tasks}} --out ${quote(sweep.out)}${mergeFlags(sweep)}\n` +
    stringify(manifest, { lineWidth: 0 });
}
