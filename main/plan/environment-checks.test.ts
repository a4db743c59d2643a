// The plan against the world outside it: AWS regions (from the AWS SDK's own data) and program folders.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeIssues, expectErrorAt, issuesOf, loadPlanFile, parsePlan, replaceOnce, SMALL_PLAN, TEST_FILE } from './plan-testing';
import { awsRegionDescription, nearAwsRegions } from './regions';

const REPO_ROOT = path.resolve(new URL('../..', import.meta.url).pathname);
const DEMO_PLAN = path.join(REPO_ROOT, 'examples', 'demo', 'migration.yaml');

describe('AWS regions', () => {
  it('knows regions of every partition from the SDK, and nothing else', () => {
    expect(awsRegionDescription('eu-central-1')).toBe('Europe (Frankfurt)');
    expect(awsRegionDescription('us-gov-west-1')).toBeDefined();
    expect(awsRegionDescription('cn-north-1')).toBeDefined();
    expect(awsRegionDescription('eu-central-9')).toBeUndefined();
    expect(awsRegionDescription('xx-nowhere-1')).toBeUndefined();
  });

  it('finds the regions one typo away', () => {
    expect(nearAwsRegions('eu-centrl-1').map((near) => near.region)).toEqual(['eu-central-1']);
    expect(nearAwsRegions('eu-west-4').map((near) => near.region)).toEqual(['eu-west-1', 'eu-west-2', 'eu-west-3']);
    expect(nearAwsRegions('xx-nowhere-1')).toEqual([]);
  });

  it('rejects a well-formed region that does not exist, with "did you mean"', () => {
    const text = replaceOnce(SMALL_PLAN, 'region: eu-central-1', 'region: eu-centrl-1');
    expectErrorAt(
      text,
      parsePlan(TEST_FILE, text),
      /^unknown AWS region 'eu-centrl-1': the AWS SDK knows no such region; did you mean 'eu-central-1' \(Europe \(Frankfurt\)\)\?$/,
      'eu-centrl-1',
    );
  });

  it('says what a region looks like when nothing is near', () => {
    const text = replaceOnce(SMALL_PLAN, 'region: eu-central-1', 'region: xx-nowhere-1');
    expectErrorAt(
      text,
      parsePlan(TEST_FILE, text),
      /^unknown AWS region 'xx-nowhere-1': the AWS SDK knows no such region; expected a region code such as eu-central-1$/,
      'xx-nowhere-1',
    );
  });

  it('accepts the European Sovereign Cloud region code', () => {
    const result = parsePlan(TEST_FILE, replaceOnce(SMALL_PLAN, 'region: eu-central-1', 'region: eusc-de-east-1'));
    expect(describeIssues(issuesOf(result))).toBe('');
  });
});

describe('program folders', () => {
  let folder: string;
  let appRoot: string;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'plan-programs-'));
    appRoot = path.join(folder, 'app');
    for (const program of ['app-instance', 'network-foundation']) await mkdir(path.join(appRoot, 'pulumi-programs', program), { recursive: true });
    await mkdir(path.join(folder, 'plans', 'programs', 'billing'), { recursive: true });
    await writeFile(path.join(folder, 'plans', 'programs', 'notes.txt'), 'not a folder');
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });
  const planFile = () => path.join(folder, 'plans', 'migration.yaml');

  it('accepts built-in names that are folders under <appRoot>/pulumi-programs', () => {
    expect(issuesOf(parsePlan(planFile(), SMALL_PLAN, { appRoot }))).toEqual([]);
  });

  it('rejects an unknown built-in name with "did you mean"', () => {
    const text = replaceOnce(SMALL_PLAN, 'program: app-instance', 'program: app-instanse');
    const issue = expectErrorAt(
      text,
      parsePlan(planFile(), text, { appRoot }),
      /^unknown program 'app-instanse': the cockpit has no program folder pulumi-programs\/app-instanse \(in .*\); did you mean 'app-instance'\?$/,
      'app-instanse',
    );
    expect(issue.path).toBe('projects[1] (name: apps).program');
  });

  it('does not check built-in names without an app root', () => {
    expect(parsePlan(planFile(), replaceOnce(SMALL_PLAN, 'program: app-instance', 'program: app-instanse')).ok).toBe(true);
  });

  it('does not take a shared folder of the programs (components, tracks) for a program', async () => {
    await mkdir(path.join(appRoot, 'pulumi-programs', 'tracks'), { recursive: true });
    const text = replaceOnce(SMALL_PLAN, 'program: app-instance', 'program: tracks');
    expectErrorAt(text, parsePlan(planFile(), text, { appRoot }), /^program 'tracks' is code the built-in programs share, not a program/, 'tracks');
  });

  it('rejects a built-in name that tries to leave pulumi-programs/', () => {
    const text = replaceOnce(SMALL_PLAN, 'program: app-instance', 'program: app-instance/../../etc');
    expectErrorAt(
      text,
      parsePlan(planFile(), text, { appRoot }),
      /^program 'app-instance\/\.\.\/\.\.\/etc' is neither a folder name under pulumi-programs\/ nor a path/,
      'app-instance/',
    );
  });

  it('accepts a path to a folder, relative to the plan file, even without an app root', () => {
    expect(issuesOf(parsePlan(planFile(), replaceOnce(SMALL_PLAN, 'program: app-instance', 'program: ./programs/billing')))).toEqual([]);
  });

  it('rejects a path that does not exist, with "did you mean" and where it looked', () => {
    const text = replaceOnce(SMALL_PLAN, 'program: app-instance', 'program: ./programs/biling');
    const looked = path.join(folder, 'plans', 'programs', 'biling');
    const issue = expectErrorAt(text, parsePlan(planFile(), text), /^program folder '\.\/programs\/biling' does not exist/, './programs/biling');
    expect(issue.message).toBe(
      `program folder './programs/biling' does not exist (${looked}; a path is relative to the plan file's folder); did you mean './programs/billing'?`,
    );
  });

  it('rejects a path to a file', () => {
    const text = replaceOnce(SMALL_PLAN, 'program: app-instance', 'program: ./programs/notes.txt');
    expectErrorAt(text, parsePlan(planFile(), text), /^program folder '\.\/programs\/notes\.txt' is not a folder/, './programs/notes.txt');
  });

  it('loads the demo plan with the programs this repository ships', async () => {
    expect(issuesOf(await loadPlanFile(DEMO_PLAN, { appRoot: REPO_ROOT }))).toEqual([]);
  });
});
