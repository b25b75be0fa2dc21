import { describe, expect, it } from 'vitest';
import { PROMPT } from '../../src/cli/ask-update.js';
import { inTerminal } from './terminal.js';
import { editLine, workspace } from './workspace.js';

// In a terminal, as a user runs it (a pseudo-terminal from `script`, no tmux): what the
// screen shows once the run is over.

const prompt = PROMPT.trim();

describe('--update --interactive in a terminal', () => {
  it('shows each drifted output with a fixed prompt, never drawn over by the progress line, and rewrites only what was accepted', async () => {
    const ws = workspace();
    const original = ws.note();
    ws.writeNote(editLine(editLine(original, 19, 'created', 'configured'), 43, '2 packets received', '1 packets received'));
    const { screen, status } = await inTerminal(ws, ['--update', '--interactive', '--converge', '0.5', 'ch3.md'], {
      env: { CI: undefined },
      answers: [
        { after: prompt, send: 'y\n' },
        { after: prompt, send: 'n\n', nth: 2 },
      ],
    });
    const lines = screen.split('\n');
    expect(lines).toContain(`${prompt} y`);
    expect(lines).toContain(`${prompt} n`);
    expect(screen).toContain('- deployment.apps/sleep-1 configured');
    expect(screen).toContain('+ deployment.apps/sleep-1 created');
    // The progress line's timer never runs into the question or the typed answer.
    expect(lines.filter((line) => line.includes('Apply this change') && /\d\.\d s/.test(line))).toEqual([]);
    expect(ws.note()).toBe(editLine(original, 43, '2 packets received', '1 packets received'));
    expect(screen).toMatch(/1 note: 1 stale · steps: 10 pass, 1 updated, 1 stale/);
    expect(status).toBe(1);
  });

  it('explains its answers on ?, asks again, and q leaves the note alone', async () => {
    const ws = workspace();
    const edited = editLine(ws.note(), 19, 'created', 'configured');
    ws.writeNote(edited);
    const { screen, status } = await inTerminal(ws, ['--update', '-i', 'ch3.md'], {
      answers: [
        { after: prompt, send: '?\n' },
        { after: prompt, send: 'q\n', nth: 2 },
      ],
    });
    expect(screen).toContain('a - rewrite this output and all later ones in this note');
    expect(screen).toContain('d - leave this output and all later ones in this note');
    expect(screen.split(prompt)).toHaveLength(3);
    expect(ws.note()).toBe(edited);
    expect(status).toBe(1);
  });
});

describe('Ctrl-C at the --interactive question', () => {
  it('stops the run at once, writes nothing to the note, and reports it interrupted', async () => {
    const ws = workspace();
    const edited = editLine(editLine(ws.note(), 19, 'created', 'configured'), 43, '2 packets received', '1 packets received');
    ws.writeNote(edited);
    // `y` to the first question, then Ctrl-C (the terminal's interrupt character) at the second.
    const { screen, status } = await inTerminal(ws, ['--update', '-i', 'ch3.md'], {
      answers: [
        { after: prompt, send: 'y\n' },
        { after: prompt, send: '\u0003', nth: 2 },
      ],
    });
    expect(status).toBe(130);
    expect(ws.note()).toBe(edited);
    expect(screen).toContain('not updated: interrupted while asking');
    expect(screen).toContain('1 interrupted');
  });
});

describe('the report on a terminal', () => {
  it('marks the changed word in colour, erases the progress line, and ends with what to look at', async () => {
    const ws = workspace();
    ws.writeNote(editLine(ws.note(), 19, 'created', 'configured'));
    const { screen, raw, status } = await inTerminal(ws, ['ch3.md'], { env: { CI: undefined, NO_COLOR: undefined } });
    expect(status).toBe(1);
    expect(raw).toContain('\u001b[1m\u001b[7m\u001b[31mconfigured');
    expect(raw).toContain('\u001b[1m\u001b[7m\u001b[32mcreated');
    // The progress line was drawn, then erased: the screen keeps none of it.
    expect(raw).toMatch(/… ch3\.md:\d+ kubectl/);
    expect(screen).not.toMatch(/^… /m);
    expect(screen).toContain('notes-run: live · kube context default (k3s, node k3s-node, kubelet v1.31.5+k3s1, server v1.31.5+k3s1, kubectl v1.32.3)');
    expect(screen).toMatch(/^STALE ch3\.md 12 steps: 11 pass, 1 stale in /m);
    expect(screen).not.toContain('ch3.md:92');
    expect(screen).toMatch(/To look at \(1\):\n {2}stale {2}ch3\.md:18 kubectl apply -f sleep\/sleep1\.yaml -f sleep\/sleep2\.yaml\n\n1 note: 1 stale/);
  });

  it('says updated, not stale, once --update rewrote the note', async () => {
    const ws = workspace();
    ws.writeNote(editLine(ws.note(), 19, 'created', 'configured'));
    const { screen, status } = await inTerminal(ws, ['--update', 'ch3.md']);
    expect(status).toBe(0);
    expect(screen).toMatch(/^UPDATED ch3\.md 12 steps: 11 pass, 1 updated in /m);
    expect(screen).toMatch(/1 note: 1 updated · steps: 11 pass, 1 updated/);
    expect(screen).not.toContain('To look at');
  });
});
