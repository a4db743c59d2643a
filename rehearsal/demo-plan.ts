// Where the demo plan is, for the rehearsal's own command line and its tests. Kept out of the modules the Electron
// main bundle includes: that bundle is CommonJS, where import.meta is empty, so its composition root passes the
// path it knows (embeddedRehearsal(<demo plan>)).
import path from 'node:path';

export const DEMO_PLAN = path.resolve(import.meta.dirname, '..', 'examples', 'demo', 'migration.yaml');
