import { PharosError } from '../domain/errors.js';

/**
 * Optimistic concurrency: every update names the version it was based on. A mismatch is a
 * 409 that carries the current record, so the client can show what changed and reapply.
 */
export function assertVersion(what: string, currentVersion: number, expected: number, current: unknown): void {
  if (currentVersion !== expected) {
    throw new PharosError(
      'version-conflict',
      `${what} is at version ${currentVersion} but the update was based on version ${expected}; reload it and reapply your change`,
      { extensions: { currentVersion, current } },
    );
  }
}

/** The update matched no row because someone else wrote in between. */
export function lostRace(what: string): PharosError {
  return new PharosError('version-conflict', `${what} was changed by someone else while saving; reload it and reapply your change`);
}

/** Keeps only the keys the patch actually sets (undefined means "leave alone"). */
export function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}
