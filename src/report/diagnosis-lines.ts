import type { Diagnosis } from '../model.js';

/** Long registry messages stay readable; the JSON report keeps them whole. */
const MAX_MESSAGE = 400;

/**
 * The cluster's word on a failed step, as text lines every reporter shows the same way:
 * one line per pod that was not Ready (phase, reason, image), its message, a crashing
 * container's last log lines, then the last warning events. Indented two spaces per level.
 */
export function diagnosisLines(diagnosis: Diagnosis): string[] {
  if (diagnosis.unreachable) return [diagnosis.unreachable];
  const lines: string[] = [];
  for (const pod of diagnosis.pods) {
    const what = [pod.container && `container ${pod.container}`, pod.image && `image ${pod.image}`, pod.restarts && `${pod.restarts} restarts`].filter(Boolean);
    lines.push(`pod ${pod.pod} ${pod.phase}${pod.reason && pod.reason !== pod.phase ? `: ${pod.reason}` : ''}${what.length ? ` (${what.join(', ')})` : ''}`);
    if (pod.message) lines.push(`  ${clip(pod.message)}`);
    if (pod.logs?.length) lines.push('  last log lines:', ...pod.logs.map((line) => `  │ ${line}`));
  }
  if (diagnosis.events.length > 0) lines.push('warning events:', ...diagnosis.events.map((event) => `  ${clip(event)}`));
  return lines;
}

function clip(text: string): string {
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text;
}
