import { describe, expect, it } from 'vitest';
import { diffRecords } from './diff.js';

describe('audit diffs', () => {
  it('lists each changed field once with before and after, sorted by field', () => {
    expect(diffRecords({ name: 'A', stage: 'proposal', version: 1 }, { name: 'B', stage: 'planning', version: 2 }, ['version'])).toEqual([
      { field: 'name', before: 'A', after: 'B' },
      { field: 'stage', before: 'proposal', after: 'planning' },
    ]);
  });

  it('compares arrays by content and treats missing as null', () => {
    expect(diffRecords({ tags: ['a'] }, { tags: ['a'] })).toEqual([]);
    expect(diffRecords({ tags: ['a'] }, { tags: ['a', 'b'] })).toEqual([{ field: 'tags', before: ['a'], after: ['a', 'b'] }]);
    expect(diffRecords({ budget: null }, { budget: 5 })).toEqual([{ field: 'budget', before: null, after: 5 }]);
  });

  it('records every field on create and delete', () => {
    expect(diffRecords(null, { name: 'N', code: 'C' })).toEqual([
      { field: 'code', before: null, after: 'C' },
      { field: 'name', before: null, after: 'N' },
    ]);
    expect(diffRecords({ name: 'N' }, null)).toEqual([{ field: 'name', before: 'N', after: null }]);
  });
});
