// Lint rules, including the layering the architecture depends on:
//   main/     plain Node core, a library: never imports electron, the renderer, the shell or the hosts (host/).
//             main/ports/ is the one surface rehearsal/ may import (the rehearsal port, plan reading).
//   host/     composition roots beside electron/ (CLI, headless server, web bridge): main/ and rehearsal/embedded.
//   rehearsal/ imports only main/ports/ of the core (which reads plans with the tracks' grammar). rehearsal/kernel/ and rehearsal/seam/ (what every track
//             shares) never import rehearsal/tracks/; a track (rehearsal/tracks/<t>/) never imports another track
//             or the tracks list: it leaves its folder only for the kernel, the seam and the registry's HTTP helpers.
//             main/monitoring/, the machinery every track's monitor shares (loop, pace, AWS calls), imports only
//             the API contract's types: nothing of a track or the other core folders (the DMS monitor,
//             main/tracks/dms/monitor/, builds on it).
//             main/plan/, the plan format, is given its grammar (main/seam/plan-grammar.ts composes the tracks' plan
//             parts): it never imports a track, main/seam, main/core or main/cutover (its tests and *-testing.ts may).
//             main/seam/, what a track plugs into: the contract, main/plan and the shared machinery; never main/core,
//             main/cutover or a track. main/tracks/<t>/ (its subfolders too): common/, the contract's domain files
//             (not its index), main/seam and the shared machinery; never main/core, main/cutover or another track.
//             main/core and main/cutover never import main/tracks: the composition roots hand the tracks in (their
//             tests and *-testing.ts helpers may). main/api/contract/ composes the tracks' commands: of main/tracks
//             it imports the list of contracts (main/tracks/contracts.ts) and the tracks' contract modules
//             (contract.ts, contract-*.ts) only; those import common/, the contract's domain files and each other
//             only (so the composition needs no cycle). main/aws/ (the AWS target and SDK client configuration the
//             core and the tracks share) never imports main/core, main/cutover, main/seam or a track.
//   renderer/ browser only: no Node built-ins, no electron, no core runtime code (type-only contract imports). The
//             core UI never imports a track (renderer/src/tracks/<t>/): it reads the list through the store and
//             renderer/src/seam/, which imports no track; a track never imports another track or the list.
//   common/   environment-neutral values and pure helpers every layer shares: imports only common/ (no packages,
//             no node:, no DOM or Node globals).
//   electron/ the shell: wires the core to windows; raw ipcRenderer only in the preload.
//   pulumi-programs/ compiled on its own (rootDir pulumi-programs/) and deployed alone: imports only itself and packages
//             (so not even common/). Its tests (not compiled) may also use test/support/ and rehearsal/ services.
//   bench/    benchmarks: anything headless (main/, host/, rehearsal/, common/, test/support/); never renderer/ or electron/.
//   e2e/      Playwright specs drive the built app from outside: test/support/, common/, scripts/lib/ (launchers),
//             bench/lib/large-plan (the estate generator), `import type` from main/; no core runtime, no rehearsal/ or host/.
//   test/     integration tests and test/support/ (the harness e2e/, bench/, scripts/ build on): headless, so never
//             renderer/ or electron/, and never e2e/ or bench/; test/support/ imports nothing of the other test/ folders.
//   scripts/  developer tools: Node, scripts/, and the headless pieces they reuse (main/, host/, common/, test/support/).
//   bin/      the npm launcher: starts host/cli and imports nothing else of the project (dynamic imports included).
// Import cycles, `import type` included, are a test (test/import-cycles.test.ts), not a lint rule.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

const coreRestrictions = {
  paths: [{ name: 'electron', message: 'main/ is the headless core: it never imports electron.' }],
  patterns: [{ group: ['**/renderer/**', '**/electron/**'], message: 'main/ may not import the renderer or the shell.' }],
};
const noRehearsal = {
  group: ['**/rehearsal/**'],
  message: 'The core gets the rehearsal environment injected; only the composition roots import rehearsal/.',
};
const noHost = {
  group: ['**/host/**'],
  message: 'main/ is a library: the hosts (host/, electron/) import it, never the other way round.',
};
const portsLayer = {
  regex: '^\\.\\./(?!plan/|api/contract$|net/|seam/plan-grammar$|tracks/index$|tracks/dms/plan(-schema)?$)',
  message:
    "main/ports declares what the rehearsal may use of the core: it re-exports from main/plan, main/net and the API contract, and reads plans with the tracks' grammar (main/seam/plan-grammar, the tracks list, the DMS track's plan part) only.",
};
const rehearsalLayer = {
  regex: '(^|/)(main/(?!ports/)|host/|electron/|renderer/)',
  message: 'rehearsal/ reaches the core only through its declared port, main/ports/.',
};
const rehearsalKernelLayer = {
  regex: '(^|/)tracks/',
  message:
    'rehearsal/kernel/ and rehearsal/seam/ are shared by every track: they never import rehearsal/tracks/ (tracks register with the kernel through the seam).',
};
const rehearsalTrackLayer = {
  regex: '^\\.\\./(?!\\.\\./)|(^|/)tracks/',
  message: 'A rehearsal track never imports another track or the tracks list: only its own folder, rehearsal/kernel/, rehearsal/seam/ and rehearsal/registry/.',
};
const hostLayer = {
  regex: '(^|/)rehearsal/(?!embedded$)',
  message: 'A composition root hands the core the embedded rehearsal (rehearsal/embedded) and nothing else of rehearsal/.',
};
// common/: a file may import only another file of common/ (the top-level files: ./x; common/<sub>/: ./x or ../x).
const commonOnly = (escape) => ({
  'no-restricted-globals': [
    'error',
    ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'process', 'Buffer', 'require', 'global', '__dirname', '__filename'].map(
      (name) => ({ name, message: 'common/ is environment-neutral: no DOM or Node globals.' }),
    ),
  ],
  '@typescript-eslint/no-restricted-imports': [
    'error',
    { patterns: [{ regex: escape, message: 'common/ imports only common/: no packages, no node:, nothing of main/, renderer/ or electron/.' }] },
  ],
});
// pulumi-programs/: no relative import may climb out of the folder. One block per depth, since a pattern cannot see
// the importing file's path: a file N folders below pulumi-programs/ escapes with N + 1 `../`. The last depth also
// takes every deeper file, erring strict (a deeper file climbing 4 levels inside the folder is flagged too).
const PULUMI_DEPTHS = [0, 1, 2, 3];
const pulumiEscape = (depth, allowed) => ({
  regex: `^(\\.\\./){${depth + 1}}${allowed}`,
  message: allowed
    ? 'A pulumi-programs/ test reaches outside the folder only for test/support/ and rehearsal/ (local services).'
    : 'pulumi-programs/ is compiled on its own (rootDir pulumi-programs/) and deployed alone: it imports only itself and packages.',
});
// What the program build leaves out (pulumi-programs/tsconfig.json `exclude`): tests and their testing/ helpers.
const pulumiTestOnly = ['pulumi-programs/**/*.test.ts', 'pulumi-programs/**/testing/**'];
const pulumiLayer = PULUMI_DEPTHS.flatMap((depth) => {
  const parents = `pulumi-programs/${'*/'.repeat(depth)}${depth === PULUMI_DEPTHS.at(-1) ? '**/' : ''}`;
  const testOnlyFiles = [`${parents}*.test.ts`, ...(depth > 0 ? [`pulumi-programs/${'*/'.repeat(depth - 1)}testing/*.ts`] : [])];
  return [
    {
      files: [`${parents}*.ts`],
      ignores: pulumiTestOnly,
      rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [pulumiEscape(depth, '')] }] },
    },
    {
      files: testOnlyFiles,
      rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [pulumiEscape(depth, '(?!test/support/|rehearsal/)')] }] },
    },
  ];
});
// The harness folders. A top-level folder is reached with one or more `../` (none of these folders nests another
// folder of the same name).
const up = '^(\\.\\./)+';
const benchLayer = {
  regex: `${up}(renderer|electron|e2e)/|${up}test/(?!support/)`,
  message: 'bench/ measures the headless app: main/, host/, rehearsal/, common/ and test/support/; never renderer/, electron/, e2e/ or other tests.',
};
const e2eLayer = [
  {
    regex: `${up}(rehearsal|host|renderer|electron|pulumi-programs)/|${up}test/(?!support/)|${up}scripts/(?!lib/)|${up}bench/(?!lib/large-plan$)`,
    message: 'e2e/ drives the built app from outside: test/support/, common/, scripts/lib/ launchers and bench/lib/large-plan only, no app internals.',
  },
  { regex: `${up}main/`, allowTypeImports: true, message: 'e2e/ may only `import type` from the core: it reaches the app through its window.' },
];
const testLayer = {
  regex: `${up}(renderer|electron|e2e|bench)/`,
  message: 'test/ is headless and is the harness others build on: never renderer/, electron/ (tested beside their code), e2e/ or bench/.',
};
const testSupportLayer = {
  regex: '^\\.\\./(?!\\.\\./|support/)',
  message: 'test/support/ is the shared harness: it imports nothing of the other test/ folders.',
};
const scriptsLayer = {
  regex: `${up}(renderer|electron|e2e|bench|rehearsal|pulumi-programs)/|${up}test/(?!support/)`,
  message: 'scripts/ are developer tools: Node, scripts/, and the headless main/, host/, common/ and test/support/; nothing else.',
};
const binOnlyHost = 'bin/ is the npm launcher: it starts host/cli and imports nothing else of the project.';
const monitoringLayer = [
  {
    regex: '^\\.\\./(?!api/contract$|\\.\\./common/)',
    message: "main/monitoring is shared by every track: it imports nothing of a track or the other core folders, only the API contract's types.",
  },
  { regex: '^\\.\\./api/contract$', allowTypeImports: true, message: 'main/monitoring imports only types from the API contract (`import type`).' },
];

// main/plan is the plan format: a track's keys, actions and checks come in through the grammar it is given
// (main/seam/plan-grammar.ts composes it), so it names no track and imports nothing of the seam or above.
const planLayer = {
  regex: '^\\.\\./(core|cutover|seam|tracks)/',
  message:
    'main/plan is given the plan grammar (main/seam/plan-grammar.ts composes it from the tracks): it never imports a track, main/seam, main/core or main/cutover.',
};
const seamLayer = {
  regex: '^\\.\\./(core|cutover|tracks)/',
  message: 'main/seam is what a track plugs into: the contract, main/plan and the shared machinery; never main/core, main/cutover or a track.',
};
// From a file `depth` folders below main/tracks/<t>/ (0: main/tracks/<t>/<file>.ts; 1: monitor/<file>.ts; 2:
// monitor/testing/<file>.ts): `depth + 1` times `../` leaves the track (another track, or the list), `depth + 2`
// times reaches main/. One block per depth, since a pattern cannot see the importing file's path.
const TRACK_DEPTHS = [0, 1, 2];
const trackLayer = (depth) => {
  const toMain = `^(\\.\\./){${depth + 2}}`;
  return [
    { regex: `${toMain}(core|cutover)/`, message: 'A track never imports main/core or main/cutover: the core reaches it through main/seam.' },
    { regex: `${toMain}api/contract(/index)?$`, message: "A track imports the contract's domain files (main/api/contract/<domain>), never its index." },
    { regex: `^(\\.\\./){${depth + 1}}(?!\\.\\./)`, message: 'A track never imports another track (nor the list in main/tracks/index.ts).' },
  ];
};
const trackRows = TRACK_DEPTHS.map((depth) => ({
  files: [`main/tracks/*/${'*/'.repeat(depth)}*.ts`],
  ignores: ['main/tracks/**/*.test.ts'],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      { ...coreRestrictions, patterns: [...coreRestrictions.patterns, noRehearsal, noHost, ...trackLayer(depth)] },
    ],
  },
}));
const noTracksMessage = 'main/core and main/cutover never import a track: the composition roots (host/compose.ts, electron/main.ts) hand them in.';
const noTracks = { regex: '^\\.\\./tracks/', message: noTracksMessage };
const contractLayer = {
  regex: '^\\.\\./\\.\\./tracks/(?!contracts$|[^/]+/contract(-[\\w-]+)?$)',
  message:
    "main/api/contract composes the tracks' contracts: of main/tracks it imports main/tracks/contracts.ts and the tracks' contract modules (contract.ts, contract-*.ts) only.",
};
const apiLayer = { regex: '^\\.\\./tracks/', message: 'main/api reaches the tracks only through the contract (main/api/contract/, main/tracks/contracts.ts).' };
const trackContractLayer = {
  regex: '^(?!\\.\\./\\.\\./api/contract/(?!index$)|\\.\\./\\.\\./\\.\\./common/|\\./contract(-[\\w-]+)?$)\\.',
  message:
    "A track's contract.ts imports common/ and the contract's domain files (main/api/contract/<domain>) only, besides its track's contract-*.ts modules (so do those): the API contract composes it.",
};
const awsLayer = {
  regex: '^\\.\\./(core|cutover|seam|tracks)/',
  message: 'main/aws is shared by the core and every track: it never imports main/core, main/cutover, main/seam or a track.',
};

// renderer/: browser only, and the core UI names no track. Core renderer code reaches a track only through the list
// (renderer/src/tracks/index.ts, which main.tsx hands the store) and renderer/src/seam/; the seam imports no track, not
// even the list; a track (renderer/src/tracks/<t>/, its subfolders too) never imports another track or the list.
// Tests keep these rows (only the browser rules are relaxed for them).
const rendererPaths = [
  ...nodeBuiltins.map((name) => ({ name, message: 'The renderer runs in a browser sandbox: no Node built-ins.' })),
  { name: 'electron', message: 'The renderer reaches the core only through window.cockpit.' },
];
const rendererPatterns = [
  { group: ['**/main/**'], allowTypeImports: true, message: 'The renderer may only `import type` from the core (the API contract).' },
  { group: ['**/electron/**'], message: 'The renderer may not import the shell.' },
];
// `./` and `../` only, then tracks/: the renderer's own tracks folder (main/tracks/ is reached through main/).
const rendererCoreLayer = {
  regex: '^(\\.\\.?/)+tracks/(?!index$)',
  message:
    'Core renderer code never imports a track directly: only the list (renderer/src/tracks/index.ts, which main.tsx hands the store) and renderer/src/seam/.',
};
const rendererSeamLayer = {
  regex: '^(\\.\\.?/)+tracks(/|$)',
  message: 'renderer/src/seam is what a track plugs into: it imports no track, not even the list.',
};
// From a file `depth` folders below renderer/src/tracks/<t>/, `depth + 1` times `../` leaves the track (another
// track, or the list). The last depth also takes every deeper file, erring strict (as pulumiLayer does).
const RENDERER_TRACK_DEPTHS = [0, 1, 2];
const rendererTrackLayer = (depth) => ({
  regex: `^(\\.\\./){${depth + 1}}(?!\\.\\./)`,
  message: 'A renderer track never imports another track (nor the list in renderer/src/tracks/index.ts): only its folder and the core UI.',
});
const rendererLayers = [
  { files: 'renderer/src/**/', ignores: ['renderer/src/tracks/**', 'renderer/src/seam/**'], layer: rendererCoreLayer },
  { files: 'renderer/src/seam/**/', layer: rendererSeamLayer },
  ...RENDERER_TRACK_DEPTHS.map((depth) => ({
    files: `renderer/src/tracks/*/${'*/'.repeat(depth)}${depth === RENDERER_TRACK_DEPTHS.at(-1) ? '**/' : ''}`,
    layer: rendererTrackLayer(depth),
  })),
];
const rendererTrackRows = rendererLayers.flatMap(({ files, ignores = [], layer }) => [
  {
    files: [`${files}*.{ts,tsx}`],
    ignores: [...ignores, 'renderer/**/*.test.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: rendererPaths, patterns: [...rendererPatterns, layer] }] },
  },
  { files: [`${files}*.test.ts`], ignores, rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [layer] }] } },
]);

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.vite/', 'out/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['main/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { ...coreRestrictions, patterns: [...coreRestrictions.patterns, noRehearsal, noHost] }],
    },
  },
  {
    files: ['main/ports/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { ...coreRestrictions, patterns: [...coreRestrictions.patterns, noRehearsal, noHost, portsLayer] }],
    },
  },
  {
    files: ['main/monitoring/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { ...coreRestrictions, patterns: [...coreRestrictions.patterns, noRehearsal, noHost, ...monitoringLayer] },
      ],
    },
  },
  {
    files: ['main/plan/**/*.ts'],
    // Tests and their *-testing.ts helpers read plans with the grammar of the tracks the cockpit runs.
    ignores: ['main/**/*.test.ts', 'main/**/*-testing.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { ...coreRestrictions, patterns: [...coreRestrictions.patterns, noRehearsal, noHost, planLayer] }],
    },
  },
  {
    files: ['main/seam/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { ...coreRestrictions, patterns: [...coreRestrictions.patterns, noRehearsal, noHost, seamLayer] }],
    },
  },
  ...trackRows,
  {
    // A track's contract modules, composed by the API contract: on top of its track's rules, only common/, the contract's
    // domain files and the track's other contract modules (contract.ts, contract-*.ts).
    files: ['main/tracks/*/contract.ts', 'main/tracks/*/contract-*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { ...coreRestrictions, patterns: [...coreRestrictions.patterns, noRehearsal, noHost, ...trackLayer(0), trackContractLayer] },
      ],
    },
  },
  {
    files: ['main/cutover/**/*.ts'],
    // Tests and their *-testing.ts helpers run the core with the tracks the cockpit runs.
    ignores: ['main/**/*.test.ts', 'main/**/*-testing.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { ...coreRestrictions, patterns: [...coreRestrictions.patterns, noRehearsal, noHost, noTracks] }],
    },
  },
  {
    files: ['main/core/**/*.ts'],
    ignores: ['main/**/*.test.ts', 'main/**/*-testing.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { ...coreRestrictions, patterns: [...coreRestrictions.patterns, noRehearsal, noHost, noTracks] }],
    },
  },
  {
    files: ['main/api/*.ts'],
    ignores: ['main/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { ...coreRestrictions, patterns: [...coreRestrictions.patterns, noRehearsal, noHost, apiLayer] }],
    },
  },
  {
    files: ['main/api/contract/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { ...coreRestrictions, patterns: [...coreRestrictions.patterns, noRehearsal, noHost, contractLayer] },
      ],
    },
  },
  {
    files: ['main/aws/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { ...coreRestrictions, patterns: [...coreRestrictions.patterns, noRehearsal, noHost, awsLayer] }],
    },
  },
  {
    // host/: the composition roots beside electron/ (CLI, headless server, web bridge). With electron/main.ts, the
    // only places that hand the rehearsal to the core.
    files: ['host/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'host/ runs headless: it never imports electron.' }],
          patterns: [{ group: ['**/renderer/**', '**/electron/**'], message: 'host/ may not import the renderer or the shell.' }, hostLayer],
        },
      ],
    },
  },
  {
    files: ['rehearsal/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [rehearsalLayer] }] },
  },
  {
    files: ['rehearsal/kernel/**/*.ts', 'rehearsal/seam/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [rehearsalLayer, rehearsalKernelLayer] }] },
  },
  {
    files: ['rehearsal/tracks/*/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [rehearsalLayer, rehearsalTrackLayer] }] },
  },
  { files: ['common/*.ts'], ignores: ['common/**/*.test.ts'], rules: commonOnly('^(?!\\./)') },
  { files: ['common/*/**/*.ts'], ignores: ['common/**/*.test.ts'], rules: commonOnly('^(?!\\.\\.?/(?!\\.\\./))') },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': ['error', { paths: rendererPaths, patterns: rendererPatterns }],
    },
  },
  {
    // Tests run in Node, not in the page: they may check the renderer against the contract's runtime values.
    files: ['renderer/**/*.test.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  ...rendererTrackRows,
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/preload.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportSpecifier[imported.name='ipcRenderer']",
          message: 'Only electron/preload.ts talks to ipcRenderer, through the contract.',
        },
      ],
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**'], message: 'The shell does not import renderer code.' }] }],
    },
  },
  ...pulumiLayer,
  { files: ['bench/**/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [benchLayer] }] } },
  { files: ['e2e/**/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: e2eLayer }] } },
  { files: ['test/**/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [testLayer] }] } },
  {
    files: ['test/support/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [testLayer, testSupportLayer] }] },
  },
  {
    files: ['scripts/**/*.{ts,mjs,js}'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [scriptsLayer] }] },
  },
  {
    // The launcher loads the CLI with a dynamic import (tsx registers first), which no-restricted-imports does not see.
    files: ['bin/**/*.js'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ regex: '^\\.\\./(?!host/)', message: binOnlyHost }] }],
      'no-restricted-syntax': ['error', { selector: 'ImportExpression > Literal[value=/^\\.\\.\\/(?!host\\/)/]', message: binOnlyHost }],
    },
  },
);
