// A Vitest reporter for scripts/test.mjs: writes every test's outcome count and each skipped test with its note
// (why it skipped) to the JSON file named by MIGRATION_COCKPIT_TEST_REPORT, so the run's summary can say how
// many tests were skipped and why, and fail a run that skipped without an opt-out.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

export default class SkipReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const file = process.env.MIGRATION_COCKPIT_TEST_REPORT;
    if (!file) return;
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const skipped: { test: string; note: string }[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const result = test.result();
        if (result.state === 'passed') counts.passed++;
        else if (result.state === 'failed') counts.failed++;
        else if (result.state === 'skipped') {
          counts.skipped++;
          const where = path.relative(process.cwd(), module.moduleId);
          skipped.push({ test: `${where} > ${test.fullName}`, note: result.note ?? `skipped without a reason (${test.options.mode})` });
        }
      }
    }
    writeFileSync(file, JSON.stringify({ ...counts, skipped }, null, 2));
  }
}
