import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlanFile } from '../../plan/load';
import { secretVariablesOf } from '../../secrets/plan-secrets';
import { describeIssues, expectErrorAt, parsePlan, positionOf, replaceOnce, SMALL_PLAN, TEST_FILE } from '../../plan/plan-testing';
import { composeGrammar } from '../../seam/plan-grammar';
import { CORE_TRACKS } from '../index';
import { schedulesPlan, schedulesPlanPart } from './plan';
import { schedulesTrack } from './track';

// The sides' 14 days are compared from a fixed instant unless the plan has a cutover window: the registered track's
// plan part is swapped for one with that instant.
const REFERENCE = Date.parse('2026-12-05T00:00:00Z');
const GRAMMAR = composeGrammar(
  CORE_TRACKS.map((track) => (track.id === schedulesTrack.id ? { ...schedulesTrack, plan: schedulesPlanPart(() => REFERENCE) } : track)),
);
const parse = (text: string) => parsePlan(TEST_FILE, text, { grammar: GRAMMAR });

const SCHEDULERS = `
      schedulers:
        - id: jenkins-dc1
          jenkins:
            baseUrl: https://jenkins.dc.example.internal
            auth: { usernameEnv: JENKINS_USER, tokenEnv: JENKINS_TOKEN }
            timeZone: Europe/Berlin
        - id: batch-host
          cron:
            baseUrl: https://cron.dc.example.internal
            auth: { type: bearer, tokenEnv: CRON_TOKEN }
            timeZone: Europe/Berlin
            status: { method: GET, path: "/entries/{{job.entry}}", running: /running, lastRunAt: /lastRun/startedAt, lastResult: /lastRun/result, enabled: /enabled }
            disable: { method: POST, path: "/entries/{{job.entry}}/disable" }
            enable: { method: POST, path: "/entries/{{job.entry}}/enable" }`;

const JOBS = `
    schedules:${SCHEDULERS}
      jobs:
        - id: invoices
          description: Nightly invoices
          dc: { jenkins: jenkins-dc1, job: billing/nightly-invoices, expression: "0 2 * * *" }
          aws:
            expression: cron(0 2 * * ? *)
            timeZone: Europe/Berlin
            function: { runtime: nodejs22.x, handler: index.handler }
          idempotent: true
        - id: cleanup
          dc: { cron: batch-host, entry: cleanup, expression: "30 4 * * 1-5" }
          aws:
            expression: cron(30 4 ? * MON-FRI *)
            timeZone: Europe/Berlin
            functionArnOutput: cleanupFunctionArn
          idempotent: false
`;

const HANDOVER_STEP = `        - id: jobs
          name: Hand over the scheduled jobs
          action: { type: schedules-handover }
`;

/** The small plan with jobs on app1 and, unless told otherwise, the handover step after the traffic switch. */
function withJobs(jobs = JOBS, { step = HANDOVER_STEP, wave = '' } = {}) {
  const text = replaceOnce(SMALL_PLAN, '      - taskId: app1-mysql\n', `      - taskId: app1-mysql\n${jobs.slice(1)}`);
  const withStep = replaceOnce(text, '        - id: health\n', `${step}        - id: health\n`);
  return replaceOnce(withStep, '    stacks: [app1, app2]\n', `    stacks: [app1, app2]\n${wave}`);
}

const messages = (result: ReturnType<typeof parse>) => (result.ok ? result.warnings : result.issues).map((issue) => `${issue.path}: ${issue.message}`);

describe("the scheduled-jobs track's part of the plan", () => {
  it('reads a stack’s jobs with their defaults, and a wave’s settings', () => {
    const result = parse(withJobs(JOBS, { wave: '    schedules: { handoverTimeoutMinutes: 15 }\n' }));
    if (!result.ok) throw new Error(describeIssues(result.issues));
    expect(result.warnings.map((issue) => issue.message)).toEqual([]);
    const app1 = result.plan.stacks.get('apps/app1')!;
    const schedules = schedulesPlan.of(app1).schedules!;
    expect(schedules.schedulers[0]).toEqual({
      id: 'jenkins-dc1',
      jenkins: {
        baseUrl: 'https://jenkins.dc.example.internal',
        auth: { usernameEnv: 'JENKINS_USER', tokenEnv: 'JENKINS_TOKEN' },
        timeZone: 'Europe/Berlin',
        timeoutSeconds: 10,
      },
    });
    expect(schedules.jobs[0]).toEqual({
      id: 'invoices',
      description: 'Nightly invoices',
      dc: { jenkins: 'jenkins-dc1', job: 'billing/nightly-invoices', expression: '0 2 * * *' },
      aws: {
        expression: 'cron(0 2 * * ? *)',
        timeZone: 'Europe/Berlin',
        flexibleWindowMinutes: 0,
        retry: { maximumRetryAttempts: 0, maximumEventAgeSeconds: 86_400 },
        function: { runtime: 'nodejs22.x', handler: 'index.handler', memoryMb: 512, timeoutSeconds: 300 },
      },
      idempotent: true,
      slotToleranceSeconds: 300,
    });
    expect(schedulesPlan.ofWave(result.plan.waves[1]!).schedules).toEqual({
      handoverTimeoutMinutes: 15,
      watchFirstSlot: true,
      maxDoubleRuns: 0,
      killSwitchOnRollback: true,
    });
    expect(schedulesPlan.ofWave(result.plan.waves[0]!).schedules).toBeUndefined();
    expect(schedulesPlan.uses(result.plan)).toBe(true);
    expect(schedulesPlan.readsOutputs?.(app1)).toBe(true);
    expect(schedulesPlan.readsOutputs?.(result.plan.stacks.get('apps/app2')!)).toBe(false);
    // The program part's settings: the AWS sides only, never the DC side or a credential.
    const config = schedulesPlan.stackConfig?.(app1) ?? {};
    expect(Object.keys(config)).toEqual(['schedules:settings']);
    expect(JSON.parse(config['schedules:settings']!)).toEqual({
      jobs: [
        { id: 'invoices', description: 'Nightly invoices', idempotent: true, aws: schedules.jobs[0]!.aws },
        { id: 'cleanup', idempotent: false, aws: schedules.jobs[1]!.aws },
      ],
    });
    expect(config['schedules:settings']).not.toMatch(/JENKINS|CRON_TOKEN|jenkins\.dc|cron\.dc|tokenEnv/);
    expect(schedulesPlan.stackConfig?.(result.plan.stacks.get('apps/app2')!)).toEqual({});
  });

  it('is not used by a plan without `schedules`', () => {
    const result = parse(SMALL_PLAN);
    if (!result.ok) throw new Error(describeIssues(result.issues));
    expect(schedulesPlan.uses(result.plan)).toBe(false);
    expect(result.warnings).toEqual([]);
  });

  it('says where an expression is wrong, and points at the character', () => {
    const text = withJobs(JOBS.replace('cron(0 2 * * ? *)', 'cron(0 2 ? * SUNDAY *)'));
    const issue = expectErrorAt(text, parse(text), /'SUNDAY' is not a day name \(SUN-SAT\)/, 'SUNDAY *)');
    expect(issue.path).toBe('stacks[1] (name: app1).schedules.jobs[0] (id: invoices).aws.expression');
    expect(issue.message).toBe(
      `'SUNDAY' is not a day name (SUN-SAT) — in the EventBridge Scheduler expression "cron(0 2 ? * SUNDAY *)" at character 14 ('SUNDAY *)')`,
    );
    const both = withJobs(JOBS.replace('cron(30 4 ? * MON-FRI *)', 'cron(30 4 * * MON-FRI *)'));
    expectErrorAt(both, parse(both), /day-of-month and day-of-week cannot both be set: one must be '\?'/, '* * MON-FRI *)');
    const dc = withJobs(JOBS.replace('"30 4 * * 1-5"', '"30 4 * * 1-8"'));
    expectErrorAt(dc, parse(dc), /8 is out of range for the day-of-week field \(0-7\) — in the cron spec/, '8"');
    const jenkins = withJobs(JOBS.replace('"0 2 * * *"', '"H 2 * * MON"'));
    expectErrorAt(jenkins, parse(jenkins), /'MON': Jenkins cron takes numbers and H only/, 'MON"');
    const rate = withJobs(JOBS.replace('cron(0 2 * * ? *)', 'rate(1 days)'));
    expectErrorAt(rate, parse(rate), /a value of 1 takes the singular, 'day'/, 'days)');
  });

  it('knows time zones, and names the closest', () => {
    const text = withJobs(
      JOBS.replace('            timeZone: Europe/Berlin\n            function', '            timeZone: Europe/Berln\n            function'),
    );
    expectErrorAt(text, parse(text), /^unknown time zone 'Europe\/Berln'; did you mean 'Europe\/Berlin'\?$/, 'Europe/Berln');
    const alias = parse(
      withJobs(JOBS.replace('            timeZone: Europe/Berlin\n            function', '            timeZone: Etc/UTC\n            function')),
    );
    expect(alias.ok || describeIssues(alias.issues)).toBe(true);
  });

  it('refuses a job id used twice in a stack, and a scheduler the stack does not declare', () => {
    const twice = withJobs(JOBS.replace('- id: cleanup', '- id: invoices'));
    expectErrorAt(twice, parse(twice), /job id 'invoices' is used twice in stack 'apps\/app1'/, 'invoices\n          dc: { cron');
    const unknown = withJobs(JOBS.replace('{ jenkins: jenkins-dc1,', '{ jenkins: jenkins-dcl,'));
    expectErrorAt(
      unknown,
      parse(unknown),
      /no jenkins scheduler 'jenkins-dcl' in this stack's schedules.schedulers; did you mean 'jenkins-dc1'\?/,
      'jenkins-dcl',
    );
    const wrongKind = withJobs(JOBS.replace('{ cron: batch-host,', '{ cron: jenkins-dc1,'));
    expectErrorAt(wrongKind, parse(wrongKind), /scheduler 'jenkins-dc1' is a Jenkins controller, not a cron endpoint/, 'jenkins-dc1, entry');
  });

  it('refuses a scheduler id declared differently by two stacks, and accepts one repeated as it is', () => {
    const other = (url: string) =>
      `    schedules:${SCHEDULERS.replace('https://jenkins.dc.example.internal', url)}\n      jobs:\n        - id: reports\n          dc: { jenkins: jenkins-dc1, job: reports }\n          aws: { expression: "rate(1 hour)", functionArnOutput: reportsArn }\n          idempotent: true\n`;
    const same = replaceOnce(withJobs(), '      - taskId: app2-mysql\n', `      - taskId: app2-mysql\n${other('https://jenkins.dc.example.internal')}`);
    const result = parse(same);
    expect(result.ok || describeIssues(result.issues)).toBe(true);
    const different = replaceOnce(withJobs(), '      - taskId: app2-mysql\n', `      - taskId: app2-mysql\n${other('https://jenkins2.dc.example.internal')}`);
    expectErrorAt(
      different,
      parse(different),
      /scheduler 'jenkins-dc1' is declared differently by stack 'apps\/app1': a scheduler id names one scheduler across the plan/,
      'jenkins-dc1\n          jenkins:\n            baseUrl: https://jenkins2',
    );
  });

  it('names the schedulers’ token variables for redaction, never the user names', () => {
    const result = parse(withJobs(JOBS));
    if (!result.ok) throw new Error(describeIssues(result.issues));
    const app1 = result.plan.stacks.get('apps/app1')!;
    expect(schedulesPlan.secretVariables!(app1)).toEqual(['JENKINS_TOKEN', 'CRON_TOKEN']);
    expect(secretVariablesOf(result.plan, [schedulesPlan])).toEqual(expect.arrayContaining(['JENKINS_TOKEN', 'CRON_TOKEN']));
    expect(secretVariablesOf(result.plan, [schedulesPlan])).not.toContain('JENKINS_USER');
  });

  it('keeps secrets out of the plan', () => {
    const literal = withJobs(
      JOBS.replace('auth: { usernameEnv: JENKINS_USER, tokenEnv: JENKINS_TOKEN }', 'auth: { usernameEnv: JENKINS_USER, token: s3cr3t }'),
    );
    const result = parse(literal);
    if (result.ok) throw new Error('expected the plan to be refused');
    expect(messages(result)).toEqual([
      "stacks[1] (name: app1).schedules.schedulers[0] (id: jenkins-dc1).jenkins.auth: missing required field 'tokenEnv' (expected a text)",
      "stacks[1] (name: app1).schedules.schedulers[0] (id: jenkins-dc1).jenkins.auth.token: unknown field 'token'; expected one of: usernameEnv, tokenEnv",
    ]);
    const inUrl = withJobs(JOBS.replace('https://jenkins.dc.example.internal', 'https://admin:s3cr3t@jenkins.dc.example.internal'));
    expectErrorAt(inUrl, parse(inUrl), /the URL carries credentials: name them in auth/, 'https://admin:s3cr3t@');
  });

  it('checks the placeholders of a cron endpoint’s requests', () => {
    const text = withJobs(JOBS.replace('"/entries/{{job.entry}}/disable"', '"/entries/{{job.entri}}/disable"'));
    expectErrorAt(text, parse(text), /unknown placeholder \{\{job\.entri\}\}; did you mean \{\{job\.entry\}\}\?/, '"/entries/{{job.entri}}/disable"');
  });

  it('refuses what the schema cannot take, field by field', () => {
    const cases: [string, string, RegExp, string][] = [
      [
        'function: { runtime: nodejs22.x, handler: index.handler }',
        'function: { runtime: nodejs22.x, handler: index.handler }\n            functionArnOutput: invoicesArn',
        /expected exactly one of function/,
        'expression: cron(0 2',
      ],
      [
        'function: { runtime: nodejs22.x, handler: index.handler }',
        'function: { runtime: cobol85, handler: index.handler }',
        /expected a Lambda runtime/,
        'cobol85',
      ],
      [
        '          idempotent: true\n',
        '          idempotent: true\n          slotToleranceSeconds: 7200\n',
        /less than or equal to 3600|at most 3600|<=3600/,
        '7200',
      ],
      ['          idempotent: false\n', '', /idempotent|required/, '- id: cleanup'],
      [
        '{ cron: batch-host, entry: cleanup, expression: "30 4 * * 1-5" }',
        '{ cron: batch-host, entry: cleanup }',
        /a cron job needs `expression`/,
        '{ cron: batch-host',
      ],
      [
        'expression: "0 2 * * *" }',
        'expression: "0 2 * * *", timeZone: Europe/Pari }',
        /unknown time zone 'Europe\/Pari'; did you mean 'Europe\/Paris'\?/,
        'Europe/Pari',
      ],
      [
        '{ jenkins: jenkins-dc1, job: billing/nightly-invoices,',
        '{ jenkins: jenkins-dc1, cron: batch-host, job: billing/nightly-invoices,',
        /expected \{ jenkins: <scheduler id>, job, expression\? \} or/,
        '{ jenkins: jenkins-dc1, cron',
      ],
    ];
    for (const [from, to, message, needle] of cases) {
      const text = withJobs(replaceOnce(JOBS, from, to));
      const result = parse(text);
      if (result.ok) throw new Error(`expected ${to} to be refused`);
      const matching = result.issues.filter((issue) => message.test(issue.message));
      expect(matching.length, describeIssues(result.issues)).toBeGreaterThanOrEqual(1);
      expect(matching[0]!.line, `${to}\n${describeIssues(result.issues)}`).toBeGreaterThanOrEqual(positionOf(text, needle).line - 1);
    }
    const retries = withJobs(
      JOBS.replace(
        '            functionArnOutput: cleanupFunctionArn\n',
        '            functionArnOutput: cleanupFunctionArn\n            retry: { maximumRetryAttempts: 186 }\n',
      ),
    );
    expectErrorAt(retries, parse(retries), /at most 185 retries/, '186');
  });

  it('warns when the two sides fire at different slots, listing the first differences', () => {
    // The DC reads its spec on a UTC host; AWS fires in Berlin (UTC+1 in December): every slot differs by an hour.
    const text = withJobs(JOBS.replace('expression: "0 2 * * *" }', 'expression: "0 2 * * *", timeZone: UTC }'));
    const result = parse(text);
    if (!result.ok) throw new Error(describeIssues(result.issues));
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ severity: 'warning', ...positionOf(text, 'cron(0 2 * * ? *)') });
    expect(result.warnings[0]!.message).toBe(
      'the two sides fire at different slots over the 14 days from 2026-12-05T00:00Z: AWS fires 02:00 Europe/Berlin on 2026-12-05, the DC does not; ' +
        'the DC fires 02:00 UTC on 2026-12-05, AWS does not; AWS fires 02:00 Europe/Berlin on 2026-12-06, the DC does not … (first 3 of 28 differences); ' +
        'a slot on one side only is a missed or an extra run after the handover',
    );
    // Within the job's tolerance, a slot a few minutes apart is one slot.
    const near = parse(withJobs(JOBS.replace('expression: "0 2 * * *" }', 'expression: "4 2 * * *" }')));
    expect(near.ok && near.warnings).toEqual([]);
    const far = parse(withJobs(JOBS.replace('expression: "0 2 * * *" }', 'expression: "6 2 * * *" }')));
    expect(far.ok && far.warnings.map((issue) => issue.message)).toEqual([expect.stringMatching(/first 3 of 28 differences/)]);
  });

  it('compares from the plan’s first cutover window when it has one, across DST', () => {
    // From 22 March 2026: Berlin springs forward on the 29th; a UTC host's 01:00 is 02:00 CET before and 03:00 CEST after.
    const window = '    cutoverWindow: { start: "2026-03-22T00:00:00Z", end: "2026-03-22T04:00:00Z" }\n';
    const text = withJobs(JOBS.replace('expression: "0 2 * * *" }', 'expression: "0 1 * * *", timeZone: UTC }'), { wave: window });
    const result = parse(text);
    if (!result.ok) throw new Error(describeIssues(result.issues));
    expect(result.warnings.map((issue) => issue.message)).toEqual([
      expect.stringMatching(
        /^the two sides fire at different slots over the 14 days from 2026-03-22T00:00Z: the DC fires 01:00 UTC on 2026-03-29, AWS does not; AWS fires 02:00 Europe\/Berlin on 2026-03-30, the DC does not; the DC fires 01:00 UTC on 2026-03-30, AWS does not … \(first 3 of 13 differences\)/,
      ),
    ]);
    // A Jenkins job's H: drawn from its full name, and said so.
    const hashed = parse(withJobs(JOBS.replace('expression: "0 2 * * *" }', 'expression: "H H * * *" }')));
    expect(hashed.ok && hashed.warnings.map((issue) => issue.message)).toEqual([
      expect.stringMatching(/\(the DC's H drawn from the job name 'billing\/nightly-invoices'\)/),
    ]);
  });

  it('warns about a job that is not idempotent yet retried or moved by a flexible window', () => {
    const text = withJobs(
      JOBS.replace(
        '            functionArnOutput: cleanupFunctionArn\n',
        '            functionArnOutput: cleanupFunctionArn\n            flexibleWindowMinutes: 15\n            retry: { maximumRetryAttempts: 3 }\n',
      ),
    );
    const result = parse(text);
    if (!result.ok) throw new Error(describeIssues(result.issues));
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ severity: 'warning', ...positionOf(text, 'false') });
    expect(result.warnings[0]!.message).toMatch(
      /^job 'cleanup' is not idempotent, yet its AWS schedule retries a failed run up to 3 times and moves each run within a 15-minute flexible window: .*Lambda's async queue may deliver a run twice/,
    );
    // Stated idempotent: no warning.
    const fine = parse(
      withJobs(
        JOBS.replace('idempotent: false', 'idempotent: true').replace(
          '            functionArnOutput: cleanupFunctionArn\n',
          '            functionArnOutput: cleanupFunctionArn\n            retry: { maximumRetryAttempts: 3 }\n',
        ),
      ),
    );
    expect(fine.ok && fine.warnings).toEqual([]);
  });

  it('warns when a job fires more often than its runs can end: the ledger could not tell their slots apart', () => {
    const text = withJobs(
      JOBS.replace('expression: "0 2 * * *"', 'expression: "*/10 * * * *"')
        .replace('expression: cron(0 2 * * ? *)', 'expression: cron(0/10 * * * ? *)')
        .replace('function: { runtime: nodejs22.x, handler: index.handler }', 'function: { runtime: nodejs22.x, handler: index.handler, timeoutSeconds: 600 }'),
    );
    const result = parse(text);
    if (!result.ok) throw new Error(describeIssues(result.issues));
    expect(result.warnings.map((issue) => issue.message)).toEqual([
      "job 'invoices' fires every 10 min at the closest, but a run may end up to 10 min after its slot (flexible window 0 min, timeout 600 s): the cockpit cannot tell which slot such a run served, so its double- and missed-run alerts are unreliable for this job; shorten the window or the timeout",
    ]);
    expect(result.warnings[0]).toMatchObject(positionOf(text, 'cron(0/10'));
  });

  it('checks the wave: settings and a handover with nothing to act on, jobs never handed over, an unknown job', () => {
    const noJobs = parse(
      replaceOnce(
        replaceOnce(SMALL_PLAN, '        - id: health\n', `${HANDOVER_STEP}        - id: health\n`),
        '    stacks: [app1, app2]\n',
        '    stacks: [app1, app2]\n    schedules: {}\n',
      ),
    );
    if (!noJobs.ok) throw new Error(describeIssues(noJobs.issues));
    expect(messages(noJobs)).toEqual([
      "waves[1] (id: wave-1).schedules: wave 'wave-1' has schedules settings but none of its stacks has scheduled jobs: they have nothing to apply to",
      "waves[1] (id: wave-1).cutover.runbook[1] (id: jobs).action.type: schedules-handover has nothing to hand over: no stack of wave 'wave-1' has scheduled jobs",
    ]);
    const never = parse(withJobs(JOBS, { step: '' }));
    if (!never.ok) throw new Error(describeIssues(never.issues));
    expect(messages(never)).toEqual([
      "waves[1] (id: wave-1).cutover.runbook: the stacks of wave 'wave-1' have scheduled jobs (invoices, cleanup) but its runbook hands none over (schedules-handover): after the cutover both sides would run them, or neither",
    ]);
    const short = withJobs(JOBS, { step: `${HANDOVER_STEP}          timeoutMinutes: 10\n` });
    const shortResult = parse(short);
    if (!shortResult.ok) throw new Error(describeIssues(shortResult.issues));
    expect(shortResult.warnings).toEqual([
      expect.objectContaining({
        ...positionOf(short, '10\n'),
        message:
          "the step times out after 10 min, before the handover's wait for data-center runs ends (30 min, the wave's schedules.handoverTimeoutMinutes): give the step at least 30 min plus the first slot's watch, or shorten the wait",
      }),
    ]);
    const text = withJobs(JOBS, { step: HANDOVER_STEP.replace('{ type: schedules-handover }', '{ type: schedules-handover, jobs: [invoices, cleanpu] }') });
    expectErrorAt(text, parse(text), /^no job 'cleanpu' on the stacks of wave 'wave-1'; did you mean 'cleanup'\?$/, 'cleanpu');
  });

  it('hands work over like a traffic switch: a drain after it comes too late', () => {
    const stop = '        - { id: stop, name: Stop replication, action: { type: stop-replication } }\n';
    const late = parse(withJobs(JOBS, { step: '' }).replace('        - id: switch\n', `${HANDOVER_STEP}${stop}        - id: switch\n`));
    if (!late.ok) throw new Error(describeIssues(late.issues));
    expect(late.warnings.map((issue) => issue.message)).toEqual([expect.stringMatching(/^traffic moves to AWS \(step 'jobs'\) before replication stops/)]);
    const inOrder = parse(withJobs(JOBS, { step: '' }).replace('        - id: switch\n', `${stop}${HANDOVER_STEP}        - id: switch\n`));
    expect(inOrder.ok && inOrder.warnings).toEqual([]);
  });

  it('loads from a file with the composed grammar (what `migration-cockpit validate` runs once the track is registered)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'schedules-plan-'));
    try {
      const file = path.join(dir, 'migration.yaml');
      await writeFile(file, withJobs());
      const ok = await loadPlanFile(file, { grammar: GRAMMAR });
      expect(ok.ok || describeIssues(ok.issues)).toBe(true);
      await writeFile(file, withJobs(JOBS.replace('cron(0 2 * * ? *)', 'cron(0 2 * * ? *')));
      const bad = await loadPlanFile(file, { grammar: GRAMMAR });
      expect(bad.ok ? [] : bad.issues.map((issue) => issue.message)).toEqual([expect.stringMatching(/expected '\)' at the end of the cron/)]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
