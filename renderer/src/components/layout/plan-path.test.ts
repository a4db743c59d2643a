import { describe, expect, it } from 'vitest';
import { splitPlanPath } from './plan-path';

describe('the plan path in the header', () => {
  it('keeps the separator with the file name, so a cut directory still reads as a path', () => {
    expect(splitPlanPath('/tmp/shots11/plan/migration.yaml')).toEqual({ dir: '/tmp/shots11/plan', base: '/migration.yaml' });
    expect(splitPlanPath('C:\\plans\\dc2\\migration.yaml')).toEqual({ dir: 'C:\\plans\\dc2', base: '\\migration.yaml' });
    expect(splitPlanPath('/migration.yaml')).toEqual({ dir: '', base: '/migration.yaml' });
  });

  it('has no directory for a bare name, and ignores a trailing separator', () => {
    expect(splitPlanPath('migration.yaml')).toEqual({ dir: '', base: 'migration.yaml' });
    expect(splitPlanPath('/plans/dc2/')).toEqual({ dir: '/plans', base: '/dc2' });
  });
});
