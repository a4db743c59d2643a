// The list of the renderer's tracks composed with the core UI: one id per track, no tab over a core view or another
// track's, and every journal kind and runbook step type the contract knows in words (the core's or a track's), so no
// internal key such as `dms-reload-tables-validate` reaches the screen.
import { describe, expect, it } from 'vitest';
import { CutoverStepViewSchema } from '../../../main/api/contract';
import { OPERATION_KINDS } from '../../../main/journal/entry';
import { stepTypeLabel } from '../lib/cutover';
import { journalKindText } from '../lib/journal-text';
import { trackJournalKind, trackStepLabel } from '../seam/contributions';
import { TRACK_UIS } from './index';

describe('the renderer tracks', () => {
  it('have one id each, and tabs of their own', () => {
    const ids = TRACK_UIS.map((track) => track.id);
    expect(new Set(ids).size).toBe(ids.length);
    const views = [...['plan', 'waves', 'readiness', 'journal'], ...TRACK_UIS.flatMap((track) => (track.tab ? [track.tab.view] : []))];
    expect(new Set(views).size).toBe(views.length);
  });

  it('leave no journal kind without words', () => {
    const names = { trackKind: (kind: string) => trackJournalKind(TRACK_UIS, kind) };
    expect(OPERATION_KINDS.filter((kind) => journalKindText(kind, names) === kind)).toEqual([]);
  });

  it('leave no runbook step type without words', () => {
    const types = CutoverStepViewSchema.shape.type.options;
    expect(types.filter((type) => stepTypeLabel(type, (t) => trackStepLabel(TRACK_UIS, t)) === type)).toEqual([]);
  });
});
