import type { Diagnosis } from '../model.js';

// The run stage asks the cluster two things, through whatever the CLI injects (the
// run never imports cluster/): is what a step waits for still starting, and why did a
// step fail. Neither is asked while steps match the first time.

export type Outlook =
  | { kind: 'starting'; /** `pulling kiamol/ch03-sleep 23 s`, `2 pods ContainerCreating`. */ waitingFor: string }
  | { kind: 'failing'; why: string }
  | { kind: 'settled' }
  | { kind: 'unreachable' };

export interface ClusterWatch {
  /** One kubectl call: the run's pods, still starting or not. */
  outlook(): Promise<Outlook>;
  /** A bounded number of kubectl calls; undefined when every pod of the run is Ready. */
  diagnose(): Promise<Diagnosis | undefined>;
}
