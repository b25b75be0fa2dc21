// What a run holds that must not outlive it: run namespaces, temporary kubeconfigs
// (they carry the cluster's credentials), note shells. Each is registered while held, so
// that when the user insists on leaving (a second Ctrl-C) whatever can go at once goes,
// and the rest is named rather than abandoned silently.

interface Held {
  what: string;
  /** Removes it at once, synchronously; absent when that takes the cluster (a namespace). */
  removeNow?: () => void;
}

const held = new Map<number, Held>();
let next = 0;

/** Registers something the run holds; the returned function says it is gone. */
export function hold(what: string, removeNow?: () => void): () => void {
  const id = next++;
  held.set(id, { what, removeNow });
  return () => void held.delete(id);
}

/**
 * Removes at once what can be, and returns what is left behind: called when the run
 * cannot finish its cleanup.
 */
export function abandon(): string[] {
  const left: string[] = [];
  for (const [id, item] of held) {
    try {
      if (!item.removeNow) throw new Error('needs the cluster');
      item.removeNow();
    } catch {
      left.push(item.what);
    }
    held.delete(id);
  }
  return left;
}

export function heldNow(): string[] {
  return [...held.values()].map((item) => item.what);
}
