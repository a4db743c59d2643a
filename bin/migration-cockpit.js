#!/usr/bin/env node
// Runs the cockpit's command-line entry (TypeScript, loaded through tsx) after checking the Node.js version.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `migration-cockpit needs Node.js 22.12 or newer (this is ${process.versions.node}).\n` +
      'In a checkout, `. scripts/use-node.sh` puts a suitable Node.js on PATH.\n',
  );
  process.exit(2);
}
const { register } = await import('tsx/esm/api');
register();
await import('../host/cli/main.ts');
