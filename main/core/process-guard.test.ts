// The guard changes how the whole process treats errors, so each case runs in a child process of its own.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const GUARD_MODULE = pathToFileURL(path.resolve(import.meta.dirname, 'process-guard.ts')).href;
const CANARY = 'canary-5ec4e7-do-not-log';

interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `body` as an ES module after importing the guard (as `installProcessGuard`); killed after 10 s. */
function runChild(body: string): Promise<Outcome> {
  const script = `import { installProcessGuard } from ${JSON.stringify(GUARD_MODULE)};\nconst CANARY = ${JSON.stringify(CANARY)};\n${body}`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Faults from a timer and a promise nobody awaits, then proof of life once both were caught. */
const FAULTS_THEN_ALIVE = `
setTimeout(() => { throw new Error('timer failed for ' + CANARY); }, 0);
Promise.reject(new Error('poll failed for ' + CANARY));
setTimeout(() => console.log('ALIVE'), 100);
`;

const hideCanary = `(text) => text.replaceAll(CANARY, '[secret]')`;

describe('process guard', () => {
  it('keeps the process running through an uncaught exception and an unhandled rejection, logged redacted', async () => {
    const outcome = await runChild(`
installProcessGuard({
  log: (line) => console.log('LOG ' + line),
  redact: ${hideCanary},
  onFault: (fault) => console.log('FAULT ' + JSON.stringify(fault)),
});
${FAULTS_THEN_ALIVE}`);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain('ALIVE');
    const logged = outcome.stdout.split('\n').filter((line) => line.startsWith('LOG '));
    expect(logged).toEqual([
      expect.stringMatching(/^LOG process guard: unhandled rejection, the process keeps running: Error: poll failed for \[secret\]/),
      expect.stringMatching(/^LOG process guard: uncaught exception, the process keeps running: Error: timer failed for \[secret\]/),
    ]);
    const faults = outcome.stdout
      .split('\n')
      .filter((line) => line.startsWith('FAULT '))
      .map((line) => JSON.parse(line.slice('FAULT '.length)) as { at: string; message: string });
    expect(faults.map((fault) => fault.message)).toEqual(['Error: poll failed for [secret]', 'Error: timer failed for [secret]']);
    for (const fault of faults) expect(Date.parse(fault.at)).not.toBeNaN();
    expect(outcome.stdout + outcome.stderr).not.toContain(CANARY);
  });

  it('logs nothing of the error when redaction throws, and falls back to stderr when logging throws', async () => {
    const outcome = await runChild(`
let logCalls = 0;
installProcessGuard({
  log: (line) => {
    if (++logCalls === 1) throw new Error('log sink closed');
    console.log('LOG ' + line);
  },
  redact: (text) => {
    if (text.includes('timer')) throw new Error('redactor broke on ' + CANARY);
    return text.replaceAll(CANARY, '[secret]');
  },
  onFault: () => { throw new Error('UI gone'); },
});
${FAULTS_THEN_ALIVE}`);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain('ALIVE');
    // The first fault (the rejection) went to stderr because log threw; the second had no working redactor.
    expect(outcome.stderr).toMatch(/unhandled rejection, the process keeps running: Error: poll failed for \[secret\]/);
    expect(outcome.stdout).toContain('LOG process guard: uncaught exception, the process keeps running: (not shown: redaction failed)');
    expect(outcome.stdout + outcome.stderr).not.toContain(CANARY);
  });

  it('reports a fault once however often it is installed, and lets errors end the process again once uninstalled', async () => {
    const outcome = await runChild(`
const options = { log: (line) => console.log('LOG ' + line), redact: ${hideCanary} };
const uninstallFirst = installProcessGuard(options);
const uninstallSecond = installProcessGuard({ ...options, log: (line) => console.log('NEWEST ' + line) });
Promise.reject(new Error('once'));
setTimeout(() => {
  uninstallSecond();
  uninstallSecond();
  uninstallFirst();
  console.log('LISTENERS ' + process.listenerCount('uncaughtException') + ' ' + process.listenerCount('unhandledRejection'));
  setTimeout(() => { throw new Error('unguarded for ' + CANARY); }, 0);
  setTimeout(() => console.log('ALIVE'), 100);
}, 50);`);
    expect(outcome.stdout).toMatch(/^NEWEST process guard: unhandled rejection, the process keeps running: Error: once/m);
    expect(outcome.stdout).not.toContain('LOG ');
    expect(outcome.stdout).toContain('LISTENERS 0 0');
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).not.toContain('ALIVE');
    expect(outcome.stderr).toContain('unguarded for');
  });
});
