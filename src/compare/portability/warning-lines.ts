import { optionalPart, optionalParts, type PortabilityFact } from './fact.js';
import { clientsDiffer, straddles } from './versions.js';

export const endpointsWarning: PortabilityFact = {
  id: 'apiserver-1.33-endpoints-warning',
  changed: 'every v1 Endpoints request answers with a deprecation warning on stderr',
  appliesTo: 'API server below 1.33 on one side, 1.33 or later on the other',
  example: {
    command: 'kubectl get endpoints sleep-2',
    old: 'NAME      ENDPOINTS        AGE\nsleep-2   10.1.0.12:80     20s',
    new: 'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\nNAME      ENDPOINTS        AGE\nsleep-2   10.42.0.7:80     3s',
  },
  holds: (recorded, current) => straddles(recorded.server, current.server, 33),
  align: (sides) => optionalPart(sides, /^Warning: v1 Endpoints is deprecated in v1\.33\+; use discovery\.k8s\.io\/v1 EndpointSlice$/g),
};

// kubectl says which container it picked when a pod has several; 1.20 and before wrote
// two lines, later ones one, and whether it is said at all depends on the client and on
// annotations (`kubectl.kubernetes.io/default-container`) the flavour's injectors add.
export const defaultedContainer: PortabilityFact = {
  id: 'kubectl-defaulted-container-line',
  changed: '`exec`/`logs` on a pod with several containers print `Defaulted container "a" out of: a, b` (once `Defaulting container name to a.`) on stderr, or nothing',
  appliesTo: 'any two kubectl versions or flavours',
  example: {
    command: 'kubectl logs pod/web',
    old: 'Starting web',
    new: 'Defaulted container "web" out of: web, sidecar\nStarting web',
  },
  holds: clientsDiffer,
  align: (sides) =>
    optionalParts(sides, [
      /^Defaulted container "[^"]+" out of: .*$/g,
      /^Defaulting container name to \S+\.$/g,
      /^Use 'kubectl describe pod\/\S+( -n \S+)?' to see all of the containers in this pod\.$/g,
    ]),
};

export const foundPods: PortabilityFact = {
  id: 'kubectl-logs-found-pods-line',
  changed: '`logs deploy/x` says on stderr which of several pods it read: `Found 2 pods, using pod/x-...`, or nothing with one pod or an older client',
  appliesTo: 'two different kubectl versions or flavours (with the same client, a missing line means one pod fewer)',
  example: {
    command: 'kubectl logs deploy/sleep-1',
    old: 'Starting sleep',
    new: 'Found 2 pods, using pod/sleep-1-594d57479-wmkmd\nStarting sleep',
  },
  holds: clientsDiffer,
  align: (sides) => optionalPart(sides, /^Found \d+ pods, using pod\/\S+$/g),
};
