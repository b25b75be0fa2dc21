import type { Colors } from 'picocolors/types.js';
import type { RunInfo } from '../model.js';

/**
 * The line before the report: what was run against, so a reader of a pasted report (or
 * a CI log) knows which cluster and kubectl it speaks for, and whether it is live.
 */
export function runHeader(info: RunInfo, now: Date, c: Colors): string {
  const versions = [info.versions.server && `server ${info.versions.server}`, info.versions.client && `kubectl ${info.versions.client}`].filter(Boolean);
  if (info.mode === 'live') {
    return c.dim(`notes-run: live · kube context ${info.context ?? '(none)'}${info.cluster ? ` (${info.cluster})` : versions.length ? ` · ${versions.join(' · ')}` : ''}\n`);
  }
  if (!info.snapshotAt) return c.dim('notes-run: offline · no snapshot recorded yet (run the notes live once)\n');
  const recorded = `snapshot recorded ${age(now.getTime() - Date.parse(info.snapshotAt))} ago`;
  const where = info.context ? ` on kube context ${info.context}` : '';
  return c.dim(`notes-run: offline · ${recorded}${where}${versions.length ? ` · ${versions.join(' · ')}` : ''}\n`);
}

/** `40 s`, `12 min`, `5 h`, `3 days`: as precise as a reader cares for. */
export function age(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s} s`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min`;
  if (s < 36 * 3600) return `${Math.round(s / 3600)} h`;
  const days = Math.round(s / 86400);
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}
