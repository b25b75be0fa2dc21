import type { Diagnosis } from '../model.js';

// The run stage asks the cluster two things, through whatever the CLI injects (the
// run never imports cluster/): is what a step waits for still starting, and why did a
// step fail. Neither is asked while steps match the first time.

export type Outlook = (
  | { kind: 'starting'; /** `pulling kiamol/ch03-sleep 23 s`, `2 pods ContainerCreating`. */ waitingFor: string }
  | { kind: 'failing'; why: string }
  | { kind: 'settled' }
  | { kind: 'unreachable' }
) &
  Stillness;

/** Whether anything in the namespace moves, short of pods starting: what ends a step's re-runs early. */
export interface Stillness {
  /** Pods ending, controllers catching up with their spec (`pod/web-1 terminating`): the namespace is not still. */
  moving?: string;
  /** What was written in the namespace, as of this look: the same state twice means nothing was written in between. */
  state?: string;
}

export interface ClusterWatch {
  /** One kubectl call: the run's pods, still starting or not. */
  outlook(): Promise<Outlook>;
  /** A bounded number of kubectl calls; undefined when every pod of the run is Ready. */
  diagnose(): Promise<Diagnosis | undefined>;
}
