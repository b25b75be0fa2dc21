import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, workspace } from './workspace.js';

// `notes-run prepull NOTE…` on the kubectl test double: the note's images pulled once,
// through pods in a scratch namespace that is gone afterwards.

const slow = { KUBE_DOUBLE_IMAGES: JSON.stringify({ 'kiamol/ch03-sleep': { pullMs: 40_000 } }), KUBE_DOUBLE_TIME_SCALE: '20' };

function leftovers(ws: ReturnType<typeof workspace>): string[] {
  const namespaces = ws.kubectl(['get', 'namespaces', '-o', 'name']).stdout.split('\n').filter(Boolean);
  const labelled = ws.kubectl(['get', 'pods', '-A', '-l', 'notes-run/prepull', '-o', 'name']).stdout.split('\n').filter(Boolean);
  return [...namespaces.filter((ns) => ns.includes('prepull')), ...labelled];
}

describe('notes-run prepull', () => {
  it("pulls the images of the manifests notes/ch3.md applies, says so, and leaves nothing behind", () => {
    const ws = workspace();
    const result = ws.run(['prepull', 'ch3.md'], slow);
    expect(result.stdout).toMatch(/^prepull: 1 image for ch3\.md\n  ✓ kiamol\/ch03-sleep pulled in \d+\.\d s\n1 image pulled · /);
    // It connects as a run does, and says so with a run's header.
    expect(result.stderr).toBe('notes-run: live · kube context default (k3s, node k3s-node, kubelet v1.31.5+k3s1, server v1.31.5+k3s1, kubectl v1.32.3)\n');
    expect(result.status).toBe(0);
    expect(leftovers(ws)).toEqual([]);
    // The node has the image now: a pod that uses it starts at once.
    writeFileSync(join(ws.dir, 'p.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: kiamol/ch03-sleep}]}\n');
    const kubectl = (args: string[]) => spawnSync(join(root, 'test', 'double', 'kubectl'), args, { cwd: ws.dir, env: { ...ws.env, ...slow }, encoding: 'utf8' });
    expect(kubectl(['apply', '-f', 'p.yaml']).status).toBe(0);
    expect(kubectl(['get', 'pod', 'p', '-o', 'jsonpath={.status.phase}']).stdout).toBe('Running');
  });

  it('says which image failed and why, exit 1, and still leaves nothing behind', () => {
    const ws = workspace();
    ws.writeNote('# x\n```bash\nkubectl run web --image=kiamol/ch03-nope\n# pod/web created\n```\n', 'nope.md');
    const images = JSON.stringify({ 'kiamol/ch03-sleep': { pullMs: 1000 }, 'kiamol/ch03-nope': { pull: 'not-found' } });
    const result = ws.run(['prepull', 'ch3.md', 'nope.md'], { KUBE_DOUBLE_IMAGES: images, KUBE_DOUBLE_TIME_SCALE: '10' });
    expect(result.stdout).toContain('prepull: 2 images for ch3.md, nope.md\n');
    expect(result.stdout).toMatch(/  ✓ kiamol\/ch03-sleep pulled in /);
    expect(result.stdout).toMatch(/  ✗ kiamol\/ch03-nope (ErrImagePull|ImagePullBackOff)\n      .*pull access denied, repository does not exist/);
    expect(result.stdout).toMatch(/1 image pulled, 1 failed · /);
    expect(result.status).toBe(1);
    expect(leftovers(ws)).toEqual([]);
  });

  it('runs before the notes with --prepull', () => {
    const ws = workspace();
    const result = ws.run(['--prepull', 'ch3.md'], slow);
    expect(result.stderr).toMatch(/prepull: 1 image for ch3\.md\n  ✓ kiamol\/ch03-sleep pulled in /);
    expect(result.stdout).toContain('FRESH ch3.md');
    expect(result.status).toBe(0);
  });
});
