import { describe, expect, it } from 'vitest';
import { operation } from '../store/test-fixtures';
import { changesText, countsText, destructiveChanges, progressOf, stepTone } from './operations';

const step = (name: string, op: string) => ({ urn: `urn:${name}`, name, type: 't', op, status: 'done' as const, diffs: [] });

describe('operation display', () => {
  it('measures progress over the expected resources, else over the started ones', () => {
    const counts = { started: 4, done: 2, failed: 1 };
    expect(progressOf(operation('a', 's', 'up', 'running', undefined, { counts, expectedResources: 6 }))).toEqual({
      finished: 3,
      total: 6,
      percent: 50,
      indeterminate: false,
    });
    expect(progressOf(operation('a', 's', 'up', 'running', undefined, { counts }))).toMatchObject({ total: 4, percent: 75 });
    expect(progressOf(operation('a', 's', 'up', 'running'))).toMatchObject({ total: null, indeterminate: true });
    expect(progressOf(operation('a', 's', 'up', 'succeeded'))).toMatchObject({ total: 0, percent: 100, indeterminate: false });
    expect(countsText(operation('a', 's', 'up', 'running', undefined, { counts: { started: 5, done: 2, failed: 1 } }))).toBe('3 of 5 resources · 1 failed');
  });

  it('summarizes changes in the tense of the operation', () => {
    expect(changesText({ create: 2, update: 1, same: 3, delete: 0 }, 'up')).toBe('2 created, 1 updated, 3 unchanged');
    expect(changesText({ same: 3, create: 2 }, 'preview')).toBe('2 to create, 3 unchanged');
    expect(changesText({ replace: 1, 'create-replacement': 1, 'delete-replaced': 1 }, 'up')).toBe('1 replaced');
    expect(changesText({}, 'up')).toBe('no changes');
    expect(changesText(null, 'up')).toBeNull();
  });

  it('finds what a previewed deploy would delete or replace', () => {
    const steps = [step('a', 'create'), step('b', 'delete'), step('c', 'replace'), step('d', 'update')];
    expect(destructiveChanges(operation('p', 's', 'preview', 'succeeded', undefined, { steps, changes: { delete: 1, replace: 1, create: 1 } }))).toMatchObject({
      deletes: 1,
      replaces: 1,
    });
    const fromSteps = destructiveChanges(operation('p', 's', 'preview', 'succeeded', undefined, { steps }));
    expect(fromSteps).toMatchObject({ deletes: 1, replaces: 1 });
    expect(fromSteps.steps.map((s) => s.name)).toEqual(['b', 'c']);
    expect(destructiveChanges(operation('p', 's', 'preview', 'succeeded', undefined, { changes: { create: 2 } }))).toMatchObject({ deletes: 0, replaces: 0 });
    expect(['create', 'update', 'replace', 'delete-replaced', 'same'].map(stepTone)).toEqual(['create', 'update', 'replace', 'delete', 'other']);
  });
});
