import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stageChangeBlock, stageChangeWarning } from './alignment.js';
import { PMO_MODES, STAGES } from './vocabulary.js';

describe('an unaligned project leaving the proposal stage', () => {
  it('is refused in controlling and directive mode, with the reason', () => {
    for (const mode of ['controlling', 'directive'] as const) {
      const reason = stageChangeBlock({ mode, from: 'proposal', to: 'initiation', contributionCount: 0 });
      expect(reason).toContain('contributes to no strategic objective');
      expect(reason).toContain(mode);
    }
  });

  it('is allowed with a warning in supportive mode', () => {
    const change = { mode: 'supportive' as const, from: 'proposal' as const, to: 'delivery' as const, contributionCount: 0 };
    expect(stageChangeBlock(change)).toBeNull();
    expect(stageChangeWarning(change)).toContain('supportive');
  });

  it('is allowed once the project contributes to an objective', () => {
    expect(stageChangeBlock({ mode: 'directive', from: 'proposal', to: 'planning', contributionCount: 1 })).toBeNull();
  });

  it('only ever blocks a move out of proposal by an unaligned project outside supportive mode (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PMO_MODES), fc.constantFrom(...STAGES), fc.constantFrom(...STAGES), fc.nat(3), (mode, from, to, n) => {
        const blocked = stageChangeBlock({ mode, from, to, contributionCount: n }) !== null;
        expect(blocked).toBe(mode !== 'supportive' && from === 'proposal' && to !== 'proposal' && n === 0);
      }),
    );
  });
});
