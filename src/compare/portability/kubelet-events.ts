import { optionalParts, optionalPart, rewriteBoth, type PortabilityFact, type Sides } from './fact.js';
import { kubeletOf, minorsDiffer } from './versions.js';

const FIELD_PATH = String.raw`spec\.(?:initContainers|containers|ephemeralContainers)\{([^}]+)\}: `;
const NAMELESS = /(^| )Container (created|started)$/;

// The kubelet's container events were `Created container x`, became `Created container: x`
// (about 1.33) and `Container created` (1.35), whose container kubectl 1.35's describe
// prints as a `spec.containers{x}: ` prefix. Brought to `Created container x`; when one
// side names no container at all, the other side's name is dropped too.
export const containerEventWording: PortabilityFact = {
  id: 'kubelet-container-event-wording',
  changed: 'container events read `Created container x`, `Created container: x` or `Container created` (`Started` alike)',
  appliesTo: 'kubelets of different minor versions (the wording changed about 1.33 and in 1.35)',
  example: {
    command: 'kubectl describe pod sleep',
    old: 'Events:\n  Type    Reason   Age   From     Message\n  ----    ------   ----  ----     -------\n  Normal  Created  12s   kubelet  Created container sleep',
    new: 'Events:\n  Type    Reason   Age   From     Message\n  ----    ------   ----  ----     -------\n  Normal  Created  3s    kubelet  Created container: sleep',
  },
  holds: (recorded, current) => minorsDiffer(kubeletOf(recorded), kubeletOf(current)) || minorsDiffer(recorded.client, current.client),
  align: (sides) => {
    const named = rewriteBoth(sides, (key) =>
      key
        .replace(new RegExp(`${FIELD_PATH}Container (created|started)$`), (_all, name: string, what: string) => `${what === 'created' ? 'Created' : 'Started'} container ${name}`)
        .replace(/\b(Created|Started) container: (\S+)$/, '$1 container $2'),
    );
    return dropNamesAgainstNameless(named);
  },
};

function dropNamesAgainstNameless(sides: Sides): Sides {
  const nameless = (keys: string[]) => keys.some((key) => NAMELESS.test(key));
  if (nameless(sides.documented) === nameless(sides.actual)) return sides;
  return rewriteBoth(sides, (key) => key.replace(/\b(Created|Started) container \S+$/, (_all, what: string) => `Container ${what.toLowerCase()}`));
}

export const eventFieldPath: PortabilityFact = {
  id: 'kubectl-1.35-event-field-path',
  changed: '`describe` prefixes an event\'s message with the container it is about, `spec.containers{x}: `',
  appliesTo: 'kubectl of different minor versions (the prefix came with 1.35)',
  example: {
    command: 'kubectl describe pod sleep',
    old: '  Normal  Pulling  12s  kubelet  Pulling image "kiamol/ch03-sleep"',
    new: '  Normal  Pulling  3s   kubelet  spec.containers{sleep}: Pulling image "kiamol/ch03-sleep"',
  },
  holds: (recorded, current) => minorsDiffer(recorded.client, current.client),
  align: (sides) => optionalPart(sides, new RegExp(`(?<=^| )${FIELD_PATH}`, 'g')),
};

// The kubelet added how long a pull waited (about 1.25) and the image's size (about
// 1.30). The size stays compared when both sides show one: it is the image's, by architecture.
export const pulledImageDetails: PortabilityFact = {
  id: 'kubelet-pulled-image-details',
  changed: '`Successfully pulled image "x" in 5.358s` gained ` (5.358s including waiting)` and then `. Image size: N bytes.`',
  appliesTo: 'kubelets of different minor versions (about 1.25 and 1.30)',
  example: {
    command: 'kubectl describe pod sleep',
    old: '  Normal  Pulled  12s  kubelet  Successfully pulled image "kiamol/ch03-sleep" in 5.358s',
    new: '  Normal  Pulled  3s   kubelet  Successfully pulled image "kiamol/ch03-sleep" in 1.204s (1.204s including waiting). Image size: 22009873 bytes.',
  },
  holds: (recorded, current) => minorsDiffer(kubeletOf(recorded), kubeletOf(current)),
  align: (sides) => optionalParts(sides, [/(?<=Successfully pulled image "[^"]+" in \S+) \(\S+ including waiting\)/g, /(?<=Successfully pulled image "[^"]+" in \S+?(?: \(\S+ including waiting\))?)\. Image size: \d+ bytes\./g]),
};
