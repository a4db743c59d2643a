// Compiles pulumi-programs/ to plain CommonJS in dist/pulumi-programs/, so no TypeScript runs at deploy time.
// Each program folder gets a package.json marking it CommonJS (the repository itself is an ES module package).
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'dist', 'pulumi-programs');
execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'pulumi-programs/tsconfig.json')], {
  stdio: 'inherit',
});
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, 'package.json'), `${JSON.stringify({ type: 'commonjs', private: true }, null, 2)}\n`);
for (const entry of readdirSync(path.join(root, 'pulumi-programs'), { withFileTypes: true })) {
  if (entry.isDirectory() && existsSync(path.join(out, entry.name, 'index.js'))) {
    writeFileSync(path.join(out, entry.name, 'package.json'), `${JSON.stringify({ type: 'commonjs', private: true, main: 'index.js' }, null, 2)}\n`);
  }
}
