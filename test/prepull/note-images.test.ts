import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNote } from '../../src/note/parse-note.js';
import { noteImages } from '../../src/prepull/note-images.js';

// The images a note will make the cluster pull, read before anything runs.

describe('the images of a note', () => {
  it('come from applied files and folders, yaml blocks and --image, each once, in order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'notes-run-images-'));
    mkdirSync(join(dir, 'web'));
    writeFileSync(
      join(dir, 'sleep.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: sleep}\nspec:\n  template:\n    spec:\n      initContainers: [{name: init, image: busybox:1.36}]\n      containers: [{name: s, image: kiamol/ch03-sleep}]\n',
    );
    writeFileSync(join(dir, 'web', 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: w, image: kiamol/ch02-hello-kiamol}]\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\n');
    const text = [
      '```bash',
      'kubectl apply -f sleep.yaml -f web/',
      'kubectl run tmp --image=kiamol/ch03-sleep --restart=Never',
      'kubectl create deployment api --image kiamol/ch03-numbers-api',
      '```',
      '```yaml',
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata: {name: backup}',
      'spec:',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      '          containers: [{name: b, image: kiamol/ch08-backup}]',
      '```',
      '',
    ].join('\n');
    expect(noteImages(parseNote(join(dir, 'n.md'), text), dir)).toEqual([
      'busybox:1.36',
      'kiamol/ch03-sleep',
      'kiamol/ch02-hello-kiamol',
      'kiamol/ch08-backup',
      'kiamol/ch03-numbers-api',
    ]);
  });

  it('are none for a note that applies no manifest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'notes-run-images-'));
    expect(noteImages(parseNote(join(dir, 'n.md'), '```bash\nkubectl get pods\n```\n'), dir)).toEqual([]);
  });
});
