// Samples every process's command line (/proc/<pid>/cmdline, readable by every local user) as fast as it can,
// in its own process so the process under test keeps its event loop. Prints the distinct command lines as JSON
// when it receives SIGTERM. Linux only.
import { readdirSync, readFileSync } from 'node:fs';

const seen = new Set();
let samples = 0;
let stopped = false;

process.on('SIGTERM', () => {
  stopped = true;
});

function sample() {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || entry === String(process.pid)) continue;
    try {
      const line = readFileSync(`/proc/${entry}/cmdline`, 'latin1').replace(/\0+$/, '').replace(/\0/g, ' ');
      if (line) seen.add(line);
    } catch {
      // the process ended between the listing and the read
    }
  }
  samples++;
}

function loop() {
  if (stopped) {
    process.stdout.write(JSON.stringify({ samples, commandLines: [...seen] }));
    return;
  }
  sample();
  setImmediate(loop);
}
process.stdout.write('ready\n');
loop();
