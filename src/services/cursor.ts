import { invalid } from '../domain/errors.js';

/**
 * Opaque keyset cursors: base64url of `[sortKey, lastSortValue, lastId]`. A cursor made for
 * one sort order is refused for another rather than giving a wrong page.
 */
export function encodeCursor(sortKey: string, value: unknown, id: string): string {
  return Buffer.from(JSON.stringify([sortKey, value, id])).toString('base64url');
}

export function decodeCursor(cursor: string, sortKey: string): [unknown, string] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid([{ field: 'cursor', reason: 'is not a cursor this API gave out' }]);
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || typeof parsed[2] !== 'string') {
    throw invalid([{ field: 'cursor', reason: 'is not a cursor this API gave out' }]);
  }
  if (parsed[0] !== sortKey) {
    throw invalid([{ field: 'cursor', reason: `was made for sort "${String(parsed[0])}", not "${sortKey}"` }]);
  }
  return [parsed[1], parsed[2]];
}
