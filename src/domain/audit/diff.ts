/** One field's change in an audit event. `before` is `null` on create, `after` is `null` on delete. */
export type FieldChange = { field: string; before: unknown; after: unknown };

/**
 * The fields whose values differ between two versions of a record, compared by their JSON
 * form (so arrays and objects compare by content). Fields absent from both are ignored.
 *
 * @example diffRecords({ name: 'A', version: 1 }, { name: 'B', version: 2 }, ['version'])
 * // [{ field: 'name', before: 'A', after: 'B' }]
 */
export function diffRecords(
  before: Readonly<Record<string, unknown>> | null,
  after: Readonly<Record<string, unknown>> | null,
  ignore: readonly string[] = [],
): FieldChange[] {
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const out: FieldChange[] = [];
  for (const field of fields) {
    if (ignore.includes(field)) continue;
    const b = before ? (before[field] ?? null) : null;
    const a = after ? (after[field] ?? null) : null;
    if (JSON.stringify(b) !== JSON.stringify(a)) out.push({ field, before: b, after: a });
  }
  return out.sort((x, y) => (x.field < y.field ? -1 : x.field > y.field ? 1 : 0));
}
