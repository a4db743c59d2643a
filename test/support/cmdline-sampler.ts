// Starts test/support/cmdline-sampler-process.mjs in its own process: every command line any process had while it ran.
import { spawn } from 'node:child_process';
import path from 'node:path';

export interface CommandLineSampler {
  /** Stops sampling; resolves with every distinct command line seen and how many sweeps of /proc were made. */
  stop(): Promise<{ samples: number; commandLines: string[] }>;
}

export async function startCommandLineSampler(): Promise<CommandLineSampler> {
  const child = spawn(process.execPath, [path.join(import.meta.dirname, 'cmdline-sampler-process.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.setEncoding('latin1');
  child.stdout.on('data', (chunk: string) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const ready = () => {
      if (output.startsWith('ready\n')) {
        child.stdout.off('data', ready);
        resolve();
      }
    };
    child.stdout.on('data', ready);
    child.once('exit', (code) => reject(new Error(`the command-line sampler exited (${code}) before it was ready`)));
  });
  return {
    async stop() {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
      return JSON.parse(output.slice('ready\n'.length)) as { samples: number; commandLines: string[] };
    },
  };
}
