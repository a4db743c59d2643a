import { afterEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../journal/entry';
import type { CoreTrack } from '../seam/track';
import { CORE_TRACKS } from '../tracks/index';
import { runbookCatalog } from './catalog';
import { buildEvidence, exportEvidence, renderHtml, renderMarkdown } from './evidence';
import { executeRollback } from './rollback-across';
import { engineFixture, eventually, loadTestPlan, rollbackPorts, RUNBOOK_PLAN, TEST_CATALOG, type EngineFixture } from './runbook-testing';

let fixture: EngineFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const W = 'wave-1';
const plan = loadTestPlan(RUNBOOK_PLAN.replace('mustSucceed: false', 'mustSucceed: true'));

/** A journal as a real cutover leaves it: previews and the wave deploy before, the run, a failed check, a rollback. */
async function storyJournal(): Promise<{ f: EngineFixture; entries: JournalEntry[] }> {
  const f = (fixture = await engineFixture({ plan }));
  const j = f.journal;
  for (const stackId of ['apps/app1', 'apps/app2']) {
    await j.append({ operationId: `preview-${stackId}`, kind: 'preview', target: { type: 'stack', stackId }, phase: 'started' });
    await j.append({ operationId: `preview-${stackId}`, kind: 'preview', target: { type: 'stack', stackId }, phase: 'succeeded', changes: { create: 3 } });
    await j.append({ operationId: `up-${stackId}`, kind: 'up', target: { type: 'stack', stackId }, phase: 'started' });
    await j.append({
      operationId: `up-${stackId}`,
      kind: 'up',
      target: { type: 'stack', stackId },
      phase: 'succeeded',
      updateVersion: 1,
      changes: { create: 3 },
    });
  }
  f.readiness = { ready: false, reasons: ['apps/app2: validation pending'] };
  f.actions.set('switch', async (context) => {
    await j.append({
      operationId: 'cutover-up-app1',
      kind: 'up',
      target: { type: 'stack', stackId: 'apps/app1' },
      phase: 'started',
      parentOperationId: context.attemptId,
    });
    await j.append({
      operationId: 'cutover-up-app1',
      kind: 'up',
      target: { type: 'stack', stackId: 'apps/app1' },
      phase: 'succeeded',
      parentOperationId: context.attemptId,
      updateVersion: 2,
      changes: { same: 3 },
    });
    return { ok: true, message: 'switched', details: { overlay: { trafficTarget: 'aws' }, stacks: ['apps/app1'] } };
  });
  f.actions.set('stop', async (context) => {
    const target = { type: 'replication-task' as const, stackId: 'apps/app1', taskKey: 'apps/app1#0', taskId: 'app1-mysql' };
    await j.append({ operationId: 'stop-app1', kind: 'dms-stop', target, phase: 'started', parentOperationId: context.attemptId });
    await j.append({
      operationId: 'stop-app1',
      kind: 'dms-stop',
      target,
      phase: 'succeeded',
      parentOperationId: context.attemptId,
      message: 'stop app1-mysql: accepted by DMS',
    });
    return { ok: true, message: 'replication stopped: app1-mysql' };
  });
  f.actions.set('register', async () => ({ ok: true, message: 'registered apps/app1', details: { registered: ['apps/app1'] } }));
  f.actions.set('health', async () => ({ ok: false, message: 'apps/app1: HTTP 503 from https://app1.example.internal/health <script>alert(1)</script>' }));
  await f.engine.start(W, { by: 'Alice', override: { reason: 'validation lags behind | known <DMS> issue' } });
  await eventually(() => f.engine.view(W).steps[0]!.status === 'waiting');
  await f.engine.confirm(W, 'announce', 'Alice Operator');
  await eventually(() => f.engine.view(W).status === 'failed');
  await f.engine.endForRollback(W, 'Bob');
  // The rollback: the forward tasks are stopped already, the reverse task catches up, app1's config goes back, and
  // removing app1's registration fails (the rollback stops there).
  const reverse = {
    key: 'apps/app1#reverse',
    taskId: 'app1-reverse',
    status: 'running',
    phase: 'cdc',
    resolution: null,
    freshness: { taskAt: 'x', stale: false },
  } as never;
  await executeRollback(
    rollbackPorts({
      runOperation: async (stackId, body, parent) => {
        if (body.kind !== 'up')
          return { status: 'failed', operationId: `rb-${body.kind}-${stackId}`, kind: body.kind, message: 'registry answered 503' } as never;
        await j.append({ operationId: `rb-${stackId}`, kind: 'up', target: { type: 'stack', stackId }, phase: 'started', parentOperationId: parent });
        await j.append({
          operationId: `rb-${stackId}`,
          kind: 'up',
          target: { type: 'stack', stackId },
          phase: 'succeeded',
          parentOperationId: parent,
          updateVersion: 3,
        });
        return { status: 'succeeded', operationId: `rb-${stackId}`, updateVersion: 3, kind: body.kind, message: null } as never;
      },
      setConfigOverlay: () => {},
      dmsTasks: () =>
        ['apps/app1#0', 'apps/app2#0'].map(
          (key) => ({ key, taskId: key.replace('apps/', '').replace('#0', '-mysql'), phase: 'stopped', status: 'stopped' }) as never,
        ),
      dmsStop: async () => ({}) as never,
      reverseTask: () => reverse,
      reverseLatency: () => ({ seconds: 2, at: 5_000 }),
      startReverseTask: async () => ({ action: 'resume', view: reverse, since: 1_000 }),
      unwatchReverseTask: () => {},
      record: (input) => f.engine.record(input),
    }),
    f.engine.ledger.latest(W)!,
    plan,
    'Bob',
  ).catch(() => undefined);
  return { f, entries: (await j.read()).entries };
}

const input = (entries: JournalEntry[]) => ({
  catalog: TEST_CATALOG,
  plan,
  waveId: W,
  entries,
  generatedAt: '2026-12-05T04:00:00.000Z',
  generatedBy: 'tester@host',
});

describe('evidence pack', () => {
  it('tells the story from the journal: plan, gates, override, steps with who/when, DMS stats, updates, rollback', async () => {
    const { entries } = await storyJournal();
    const doc = buildEvidence(input(entries));
    expect(doc.sections.map((section) => section.title)).toEqual([
      'About this pack',
      'Plan excerpt',
      'Runbook (as planned)',
      'Readiness (gate) history',
      'Overrides',
      expect.stringMatching(/^Runbook run 1 \(/),
      expect.stringMatching(/^Replication at start \(/),
      expect.stringMatching(/^Replication at failed \(/),
      expect.stringMatching(/^Replication at aborted \(/), // the run ended for the rollback
      'Previews shown before changes',
      'Pulumi updates',
      'Replication task control',
      'Rollbacks',
    ]);
    const md = renderMarkdown(doc);
    expect(md).toContain('# Evidence pack — wave-1: Pilot &lt;internal&gt; &amp; "tools"');
    expect(md).toMatch(/\| .* \| start \| NOT ready \| apps\/app2: validation pending \|/);
    expect(md).toContain('validation lags behind \\| known &lt;DMS&gt; issue');
    expect(md).toMatch(/\| announce: Announce \| 1 \| .* \| succeeded \| confirmed by Alice Operator \(\S+\) \| confirmed by Alice Operator \|/);
    expect(md).toMatch(/\| health: Health \| 1 \| .* \| failed \| tester@host \| apps\/app1: HTTP 503/);
    expect(md).toMatch(/\| app1-mysql \| +\| running \(cdc\) \| — \| — \/ 0\.8 \| — \| — \| clean \(0 \/ 0\) \|/);
    expect(md).toMatch(/\| apps\/app1 \| up \| succeeded \| 2 \| same 3 \| cutover-up-app1 \| cutover step switch \|/);
    expect(md).toMatch(/\| apps\/app1 \| succeeded \| create 3 \| tester@host \|/);
    // DMS control a step did is shown as part of that step.
    expect(md).toMatch(/\| app1-mysql \| stop \| succeeded \| tester@host \| cutover step stop \| stop app1-mysql: accepted by DMS \|/);
    expect(md).toContain('Cutover rollback started');
    // The rollback stopped (the registry refused): the pack says where everything stands.
    expect(md).toMatch(
      /FAILED .*\nRollback of wave-1 STOPPED at "registration of apps\/app1 removed \(the cutover created it\)": deregister failed: registry answered 503\.\nStacks: apps\/app1 back on the data-center config\.\nReplication: apps\/app2#0 stopped; apps\/app1#0 stopped; reverse task app1-reverse started\.\nRegistrations: apps\/app1 still registered — FAILED: deregister failed: registry answered 503\./,
    );
    expect(md).toMatch(
      /\| start-reverse:apps\/app1 \| apps\/app1 \| succeeded \| app1-reverse resume-processing accepted by DMS; replicating changes, latency 2 s \(the wave has no latency gate\) \|/,
    );
    expect(md).toMatch(/\| config-back:apps\/app1 \| apps\/app1 \| succeeded \| deployed with the data-center config \(update 3\) \|/);
    expect(md).not.toContain('NO END RECORDED');
    // Planned vs actual per step, and per stack the operation the step ran on it.
    expect(md).toMatch(/\| Planned vs actual \| Planned \| Actual \| Difference \| Result \|/);
    expect(md).toMatch(/\| announce: Announce \| \d\d:\d\d:\d\d–… \| \d\d:\d\d:\d\d–\d\d:\d\d:\d\d \| started [\d.]+ (min|h) (late|early) \| succeeded \|/);
    expect(md).toMatch(/\| +apps\/app1 \| +\| \d\d:\d\d:\d\d–\d\d:\d\d:\d\d \| +\| succeeded \|/);
    // The wave's phase, as the cockpit derives it from the same journal: the rollback stopped at a failure.
    expect(md).toMatch(/\*\*Wave phase:\*\* Rollback failed since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC: the rollback stopped at a failed step/);
    // The gates judge only the start: after it the run holds the wave, and the history says so instead of a
    // "NOT ready" the run itself caused.
    const gates = md.slice(md.indexOf('## Readiness (gate) history'), md.indexOf('## Overrides'));
    expect(gates.match(/\| (start|failed|aborted) \| [^|]+ \|/g)).toEqual([
      '| start | NOT ready |',
      '| failed | not judged (cutover stopped) |',
      '| aborted | not judged (cutover stopped) |',
    ]);
    expect(gates).toContain('the gates decide only whether a run may start');
    expect(gates.match(/NOT ready/g)).toHaveLength(1);
  });

  it("adds each track's part: its stack columns, its sections after each run and after the Pulumi updates", async () => {
    const { entries } = await storyJournal();
    const jobs: CoreTrack = {
      id: 'jobs',
      title: 'Jobs',
      evidence: {
        snapshot: () => [],
        runSections: (snapshots) => [{ title: `Jobs at ${snapshots.length} moments`, level: 3, blocks: [] }],
        sections: ({ related }) => [{ title: `Job control (${related.filter((entry) => entry.kind.startsWith('jobs-')).length})`, level: 2, blocks: [] }],
        stackColumns: { head: ['Jobs'], cells: (stack) => [`jobs of ${stack.name}`] },
      },
    };
    const doc = buildEvidence({ ...input(entries), catalog: runbookCatalog([...CORE_TRACKS, jobs]) });
    const titles = doc.sections.map((section) => section.title);
    expect(titles.indexOf('Jobs at 3 moments')).toBe(titles.findIndex((title) => title.startsWith('Replication at aborted')) + 1);
    expect(titles.slice(titles.indexOf('Pulumi updates') + 1, titles.indexOf('Rollbacks'))).toEqual(['Replication task control', 'Job control (0)']);
    const stacks = doc.sections.find((section) => section.title === 'Plan excerpt')!.blocks[1]!;
    expect(stacks).toMatchObject({ kind: 'table', head: ['Stack', 'Description', 'Config', 'Registries', 'Replication', 'Reverse task', 'Jobs'] });
    expect((stacks as { rows: string[][] }).rows[0]).toEqual(['apps/app1', '', 'owner=a', '—', 'app1-mysql', 'app1-reverse', 'jobs of app1']);
  });

  it('records a successful run as cut over, and the gate history never says "not ready" at its end', async () => {
    const f = (fixture = await engineFixture({ plan }));
    await f.engine.start(W);
    await eventually(() => f.engine.view(W).steps[0]!.status === 'waiting');
    // Replication stopped by the runbook: readiness would be red now; the pack must not record that as the outcome.
    f.readiness = { ready: false, reasons: ['apps/app1: task stopped'] };
    await f.engine.confirm(W, 'announce', 'Alice');
    await eventually(() => f.engine.view(W).status === 'succeeded');
    const md = renderMarkdown(buildEvidence(input((await f.journal.read()).entries)));
    expect(md).toMatch(/\*\*Wave phase:\*\* Cut over since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC: the runbook succeeded/);
    expect(md).toMatch(/\| start \| ready \|/);
    expect(md).toMatch(/\| end \| not judged \(cut over\) \|/);
    expect(md).not.toContain('NOT ready');
  });

  it('reads a "NOT ready" an older journal recorded while the run held the wave as not judged, keeping what was recorded', async () => {
    const { entries } = await storyJournal();
    const legacy = entries.map((entry) =>
      entry.kind === 'cutover-snapshot' && entry.details?.moment === 'failed'
        ? { ...entry, details: { ...entry.details, readiness: { ready: false, reasons: ['apps/app1: task stopped'] } } }
        : entry,
    );
    const md = renderMarkdown(buildEvidence(input(legacy)));
    expect(md).toMatch(
      /\| failed \| not judged \(cutover stopped\) \| the gates decide only whether a run may start; [^|]*; recorded then as not ready: apps\/app1: task stopped \|/,
    );
  });

  it('plans steps only from their planned minutes (never early or late from a timeout) and lists every attempt of a retried step', async () => {
    const timed = loadTestPlan(RUNBOOK_PLAN.replace('manual: "Tell the <service desk>" }', 'manual: "Tell the <service desk>", timeoutMinutes: 30 }'));
    const f = (fixture = await engineFixture({ plan: timed }));
    let stops = 0;
    f.actions.set('stop', async () => (++stops === 1 ? { ok: false, message: 'app2-mysql latency 9 s > 1 s' } : { ok: true, message: 'stopped' }));
    await f.engine.start(W);
    await eventually(() => f.engine.view(W).steps[0]!.status === 'waiting');
    await f.engine.confirm(W, 'announce', 'Alice');
    await eventually(() => f.engine.view(W).status === 'failed');
    await f.engine.retry(W, 'Alice');
    await eventually(() => f.engine.view(W).status === 'succeeded');
    const md = renderMarkdown(buildEvidence({ ...input((await f.journal.read()).entries), plan: timed }));
    const timeline = md.slice(md.indexOf('| Planned vs actual |'));
    // 'announce' has only a timeout: no planned end, and nothing after it is planned, so nothing is "early".
    expect(timeline).toMatch(/\| announce: Announce \| \d\d:\d\d:\d\d–… \|/);
    expect(timeline).toMatch(/\| quiet: Source quiet \| — \| \d\d:\d\d:\d\d–\d\d:\d\d:\d\d \| — \| succeeded \|/);
    expect(timeline.slice(timeline.indexOf('| quiet:'), timeline.indexOf('###'))).not.toMatch(/early|late/);
    // The retried step: its last attempt on its own row, the failed one under it.
    expect(timeline).toMatch(
      /\| stop: Stop replication \| — \| [\d:–]+ \| — \| succeeded \(attempt 2\) \|\n\| +attempt 1 \| +\| [\d:–]+ \| +\| attempt 1 failed \|/,
    );
  });

  it('escapes everything in the HTML, which is self-contained and printable', async () => {
    const { entries } = await storyJournal();
    const html = renderHtml(buildEvidence(input(entries)));
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Pilot &lt;internal&gt; &amp; &quot;tools&quot;');
    expect(html).toContain('Tell the &lt;service desk&gt;');
    expect(html).toContain('@media print');
    expect(html).toContain(`default-src 'none'`);
    expect(html).not.toMatch(/<(script|link|img|iframe)\b/);
    expect(html).not.toMatch(/https?:\/\/[^"<\s]+"/); // no remote resource references in attributes
    const file = exportEvidence(input(entries), 'html');
    expect(file.fileName).toBe('evidence-wave-1-20261205T040000Z.html');
    expect(exportEvidence(input(entries), 'markdown').fileName).toBe('evidence-wave-1-20261205T040000Z.md');
  });

  it('is complete up to a crash: a journal cut mid-step shows what started and never ended', async () => {
    const { entries } = await storyJournal();
    // The cockpit died while the switch step's deploy of app1 ran.
    const cut = entries.slice(0, entries.findIndex((entry) => entry.operationId === 'cutover-up-app1') + 1);
    const md = renderMarkdown(buildEvidence(input(cut)));
    expect(md).toMatch(/\| switch: Switch traffic \| 1 \| [^|]+ \| +\| NO END RECORDED \(the cockpit stopped during it\) \|/);
    expect(md).toMatch(/\| apps\/app1 \| up \| NO END RECORDED \| — \| — \| cutover-up-app1 \|/);
    expect(md).toContain('## Started and never ended');
    expect(md).toMatch(/no end recorded \(running, paused, failed, or the cockpit stopped\)/);
    // Everything before the crash is there.
    expect(md).toMatch(/\| quiet: Source quiet \| 1 \| .* \| succeeded \|/);
    expect(md).toMatch(/validation lags behind/);
  });
});
