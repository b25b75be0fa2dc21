import type { PortabilityFact } from './fact.js';

// A pod that ran for days on the author's cluster restarted now and then (a node reboot,
// Docker Desktop waking up): RESTARTS shows `2 (2d7h ago)`. The same pod made fresh by a
// run has not restarted yet: `0`. That is the pod's history, not the note's drift. The
// other way round is not: a pod that restarts during the run (`0` documented, `1 (5s ago)`
// now) is crashing.
const HISTORY = /(?<=\s|^)\d+ \(<<age>> ago\)(?=\s|$)/g;
const NO_RESTARTS = /(?<=\s|^)0(?=\s|$)/;

export const restartHistory: PortabilityFact = {
  id: 'restarts-history',
  changed: 'RESTARTS counts the restarts of a pod over its whole life: `2 (2d7h ago)` on the author\'s long-running cluster, `0` for the same pod made fresh by the run',
  appliesTo: 'any cluster: the note documents restarts that happened before it was written, the pod made now has none',
  example: {
    command: 'kubectl get pods',
    old: 'NAME    READY   STATUS    RESTARTS       AGE\nsleep   1/1     Running   2 (2d7h ago)   5d',
    new: 'NAME    READY   STATUS    RESTARTS   AGE\nsleep   1/1     Running   0          4s',
  },
  holds: () => true,
  align: (sides) => {
    // Each documented row with a history matches the actual row that reads `0` in its place.
    const rows = new Set(sides.actual.filter((key) => NO_RESTARTS.test(key)));
    if (rows.size === 0) return sides;
    const documented = sides.documented.map((key) => {
      const fresh = key.replace(HISTORY, '0');
      return fresh !== key && rows.has(fresh) ? fresh : key;
    });
    return { documented, actual: sides.actual };
  },
};
