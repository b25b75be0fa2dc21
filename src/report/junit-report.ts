import { hostname } from 'node:os';
import type { NoteMessage, NoteResult, Verdict } from '../model.js';
import { diagnosisLines } from './diagnosis-lines.js';
import { commandOf, firstLine, headingPath } from './step-fields.js';
import { summarize } from './summary.js';

// JUnit XML as CI systems read it: a testsuite per note, a testcase per step named by
// its heading path, stale steps as failures and broken ones as errors.

export function junitReport(results: NoteResult[], durationMs: number): string {
  const s = summarize(results, durationMs);
  const timestamp = new Date().toISOString().replace(/\.\d+Z$/, '');
  let total = 0;
  let fatalCount = 0;
  const suites = results.map((result, id) => {
    // A suite takes as long as its testcases add up to, to the millisecond each is shown in.
    const time = result.verdicts.reduce((sum, verdict) => sum + Math.round(verdict.run?.durationMs ?? 0), 0);
    total += time;
    const count = (status: Verdict['status'][]) => result.verdicts.filter((v) => status.includes(v.status)).length;
    const fatal = result.messages.filter((message) => message.fatal);
    fatalCount += fatal.length;
    const attributes = {
      name: result.file,
      tests: result.verdicts.length + fatal.length,
      failures: count(['stale']),
      errors: count(['broken']) + fatal.length,
      skipped: count(['skipped', 'unverified']),
      time: secs(time),
      timestamp,
      hostname: hostname(),
      id,
      package: 'notes-run',
    };
    const cases = [...fatal.map((message) => fatalTestcase(result.file, message)), ...result.verdicts.map((verdict) => testcase(result.file, verdict))];
    return `  <testsuite ${attrs(attributes)}>\n    <properties/>\n${cases.join('')}    <system-out/>\n    <system-err/>\n  </testsuite>\n`;
  });
  const totals = { name: 'notes-run', tests: s.steps.total + fatalCount, failures: s.steps.stale + s.steps.updated, errors: s.steps.broken + fatalCount, time: secs(total) };
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ${attrs(totals)}>\n${suites.join('')}</testsuites>\n`;
}

function testcase(file: string, verdict: Verdict): string {
  const name = `${file}:${verdict.step.line} ${[...headingPath(verdict), firstLine(commandOf(verdict))].join(' › ')}`;
  const head = `    <testcase ${attrs({ name, classname: file.replace(/\.md$/, '').replace(/[/\\]/g, '.'), time: secs(Math.round(verdict.run?.durationMs ?? 0)) })}`;
  const detail = [verdict.reason, ...(verdict.comparison?.diff ?? []).map((line) => `${line.op} ${line.text}`)].filter(Boolean).join('\n');
  // The cluster's word on why goes to the testcase's own system-out.
  const out = verdict.run?.diagnosis ? `      <system-out>${escape(['cluster:', ...diagnosisLines(verdict.run.diagnosis)].join('\n'))}</system-out>\n` : '';
  if (verdict.status === 'stale') return `${head}>\n      <failure ${attrs({ message: verdict.reason ?? 'documented output drifted', type: 'stale' })}>${escape(detail)}</failure>\n${out}    </testcase>\n`;
  if (verdict.status === 'broken') return `${head}>\n      <error ${attrs({ message: verdict.reason ?? 'broken', type: 'broken' })}>${escape(detail)}</error>\n${out}    </testcase>\n`;
  if (verdict.status === 'skipped' || verdict.status === 'unverified') return `${head}>\n      <skipped/>\n    </testcase>\n`;
  return `${head}/>\n`;
}

/** A note that could not be read has no steps: its failure is the one testcase, an error, so CI shows it. */
function fatalTestcase(file: string, message: NoteMessage): string {
  const head = `    <testcase ${attrs({ name: `${file}:${message.line}`, classname: file.replace(/\.md$/, '').replace(/[/\\]/g, '.'), time: secs(0) })}`;
  return `${head}>\n      <error ${attrs({ message: message.message, type: 'fatal' })}/>\n    </testcase>\n`;
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([key, value]) => `${key}="${escape(String(value))}"`)
    .join(' ');
}

function escape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

const secs = (ms: number): string => (ms / 1000).toFixed(3);
