import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeRunFolder } from '../files/run-folders.js';
import { kubectl, type Kubectl } from '../cluster/kubectl.js';
import { readClusterView, type PodView } from '../cluster/pod-states.js';
import { lastLine } from '../cluster/prepare-cluster.js';
import { runLabels } from '../cluster/run-labels.js';

// Pulls images on the cluster before a chapter runs: one short-lived pod per image in a
// scratch namespace of its own, watched until its image is on the node or refused, then
// the namespace is deleted with everything in it.

export interface PullOutcome {
  image: string;
  pulled: boolean;
  seconds: number;
  /** Why not: `ImagePullBackOff`, the registry's message, or the deadline. */
  reason?: string;
  message?: string;
}

export interface PullSettings {
  client: Kubectl;
  /** `--context NAME` when the user named one. */
  contextArgs: string[];
  timeoutMs: number;
  onOutcome?: (outcome: PullOutcome) => void;
  signal?: AbortSignal;
}

/** The label every object prepull makes carries, so a leftover is easy to find. */
export const PREPULL_LABEL = 'notes-run/prepull';
const POLL_MS = 1000;
/** Reasons that say the pull itself failed; any other state means the image is on the node. */
const PULL_FAILED = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull']);

export async function pullImages(images: string[], settings: PullSettings): Promise<PullOutcome[]> {
  const namespace = `notes-run-prepull-${randomBytes(3).toString('hex')}`;
  const scope = [...settings.contextArgs, '--namespace', namespace];
  const dir = makeRunFolder('prepull');
  const started = Date.now();
  const outcomes = new Map<string, PullOutcome>();
  const settle = (outcome: PullOutcome) => {
    if (outcomes.has(outcome.image)) return;
    outcomes.set(outcome.image, outcome);
    settings.onOutcome?.(outcome);
  };
  try {
    const manifest = join(dir, 'prepull.yaml');
    writeFileSync(manifest, [namespaceManifest(namespace), ...images.map((image, i) => podManifest(namespace, `pull-${i}`, image))].join('---\n'));
    const applied = await kubectl(settings.client, [...settings.contextArgs, 'apply', '-f', manifest]);
    if (applied.exitCode !== 0) {
      const why = lastLine(applied.stderr) || `kubectl apply exited with ${applied.exitCode}`;
      for (const image of images) settle({ image, pulled: false, seconds: 0, reason: 'not started', message: why });
      return images.map((image) => outcomes.get(image)!);
    }
    while (outcomes.size < images.length && !settings.signal?.aborted) {
      const listed = await kubectl(settings.client, [...scope, 'get', 'pods', '-o', 'json']);
      const pods = new Map(readClusterView(listed.stdout).pods.map((pod) => [pod.name, pod]));
      const seconds = (Date.now() - started) / 1000;
      images.forEach((image, i) => {
        const state = pullState(pods.get(`pull-${i}`));
        if (state.kind === 'pulled') settle({ image, pulled: true, seconds });
        else if (state.kind === 'failed') settle({ image, pulled: false, seconds, reason: state.reason, ...(state.message ? { message: state.message } : {}) });
      });
      if (Date.now() - started > settings.timeoutMs) {
        for (const image of images) settle({ image, pulled: false, seconds, reason: `still pulling after ${Math.round(settings.timeoutMs / 1000)} s (--pull-timeout)` });
      }
      if (outcomes.size < images.length) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    for (const image of images) settle({ image, pulled: false, seconds: (Date.now() - started) / 1000, reason: 'interrupted' });
    return images.map((image) => outcomes.get(image)!);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    // Waits for the namespace to be gone: prepull leaves nothing behind.
    await kubectl(settings.client, [...settings.contextArgs, 'delete', 'namespace', namespace, '--ignore-not-found'], 120_000);
  }
}

function pullState(pod: PodView | undefined): { kind: 'pulling' } | { kind: 'pulled' } | { kind: 'failed'; reason: string; message?: string } {
  const container = pod?.containers[0];
  if (!pod || !container) return { kind: 'pulling' };
  if (container.reason && PULL_FAILED.has(container.reason)) return { kind: 'failed', reason: container.reason, ...(container.message ? { message: container.message } : {}) };
  // Waiting to be created means still pulling; running, done, or failing to start means the image is there.
  if (container.reason === 'ContainerCreating' || container.reason === 'PodInitializing') return { kind: 'pulling' };
  return { kind: 'pulled' };
}

/** Labelled as a run namespace too, so `notes-run clean` removes one a crashed prepull left. */
function namespaceManifest(name: string): string {
  const labels = [`${PREPULL_LABEL}=true`, ...runLabels()].map((label) => {
    const [key, value] = label.split('=');
    return `    ${key}: ${JSON.stringify(value)}\n`;
  });
  return `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels:\n${labels.join('')}`;
}

/** A pod that exists only to make the node pull its image; it never restarts. */
function podManifest(namespace: string, name: string, image: string): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${namespace}`,
    '  labels:',
    `    ${PREPULL_LABEL}: "true"`,
    'spec:',
    '  restartPolicy: Never',
    '  terminationGracePeriodSeconds: 0',
    '  containers:',
    '    - name: pull',
    `      image: ${JSON.stringify(image)}`,
    '      imagePullPolicy: IfNotPresent',
    '',
  ].join('\n');
}
