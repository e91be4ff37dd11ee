import { v7 } from 'uuid';

/** A new time-ordered id (UUIDv7), branded as the caller's id type. */
export function newId<T extends string>(): T {
  return v7() as T;
}
