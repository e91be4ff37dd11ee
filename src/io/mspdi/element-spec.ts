import { invalid, type PharosError } from '../../domain/errors.js';
import { CodecError, type Codec } from './codecs.js';
import type { UnsupportedCollector } from './unsupported.js';
import { parentElement, textElement, type XmlElement } from './xml-tree.js';

/**
 * One table per MSPDI element type maps child elements to document properties, in the
 * order Project writes them. The reader and the writer both walk that table, so what is
 * read is exactly what can be written, in schema order.
 */

/** Where the reader is: `path` groups unsupported elements, `location` names one element in errors. */
export type ReadContext = {
  path: string;
  location: string;
  /** The record that owns what is read, e.g. `task UID 12`. */
  owner: string;
  unsupported: UnsupportedCollector;
};

export type Entry<T> = {
  element: string;
  /** The document property a scalar entry fills (for required-element checks). */
  key?: string;
  /** Fills defaults after the children are read (a list with no element is empty). */
  complete?: (target: Record<string, unknown>) => void;
  /** Reads every child element of this name, in file order. */
  read: (nodes: readonly XmlElement[], target: Record<string, unknown>, ctx: ReadContext) => void;
  /** Writes zero or more elements; `where` names the value in errors, e.g. `tasks[3]`. */
  write: (value: T, where: string) => XmlElement[];
};

export type ElementSpec<T> = {
  entries: readonly Entry<T>[];
  byElement: ReadonlyMap<string, Entry<T>>;
  /** Child elements that must be present. */
  required: readonly string[];
  /** Records with a UID (task, calendar…) name themselves as owner of what they contain. */
  noun?: string;
};

type KeysOfType<T, V> = { [P in keyof T]-?: T[P] extends V ? P : never }[keyof T] & string;

/** A `validation-failed` error naming one element or property, e.g. `Project/Tasks/Task[UID=4]/Start`. */
export function fieldError(location: string, reason: string): PharosError {
  return invalid([{ field: location, reason }]);
}

function rethrow(error: unknown, location: string): never {
  if (error instanceof CodecError) throw fieldError(location, error.message);
  throw error;
}

/** A spec from its entries in element order; `required` lists child elements that must be present. */
export function defineSpec<T>(entries: readonly Entry<T>[], options: { required?: string[]; noun?: string } = {}): ElementSpec<T> {
  const byElement = new Map(entries.map((entry) => [entry.element, entry]));
  return { entries, byElement, required: options.required ?? [], ...(options.noun ? { noun: options.noun } : {}) };
}

function isEmpty(node: XmlElement): boolean {
  return node.children.length === 0 && node.text.trim() === '' && Object.keys(node.attributes).length === 0;
}

/** Reports elements nobody reads; empty ones carry nothing and are passed over. */
export function reportUnsupported(ctx: ReadContext, name: string, nodes: readonly XmlElement[]): void {
  const carrying = nodes.filter((node) => !isEmpty(node)).length;
  if (carrying > 0) ctx.unsupported.add(`${ctx.path}/${name}`, ctx.owner, carrying);
}

/**
 * The context of a child record at `path` (relative, e.g. `WeekDays/WeekDay`): records with a
 * `noun` are named by UID in errors (`Task[UID=12]`) and own what they contain; others by position.
 */
export function childContext(ctx: ReadContext, path: string, node: XmlElement, index: number, noun?: string): ReadContext {
  const uid = noun ? node.children.find((child) => child.name === 'UID')?.text.trim() : undefined;
  const name = path.slice(path.lastIndexOf('/') + 1);
  const parentLocation = path.includes('/') ? `${ctx.location}/${path.slice(0, path.lastIndexOf('/'))}` : ctx.location;
  return {
    path: `${ctx.path}/${path}`,
    location: `${parentLocation}/${name}${uid ? `[UID=${uid}]` : `[${index + 1}]`}`,
    owner: noun ? (uid ? `${noun} UID ${uid}` : `${noun} #${index + 1}`) : ctx.owner,
    unsupported: ctx.unsupported,
  };
}

/** Reads one element by its spec; unknown children and attributes go to the unsupported report. */
export function readElement<T>(node: XmlElement, spec: ElementSpec<T>, ctx: ReadContext): T {
  const target: Record<string, unknown> = {};
  const groups = new Map<string, XmlElement[]>();
  for (const child of node.children) {
    const group = groups.get(child.name);
    if (group) group.push(child);
    else groups.set(child.name, [child]);
  }
  for (const [name, nodes] of groups) {
    const entry = spec.byElement.get(name);
    if (entry) entry.read(nodes, target, ctx);
    else reportUnsupported(ctx, name, nodes);
  }
  for (const entry of spec.entries) entry.complete?.(target);
  for (const attribute of Object.keys(node.attributes)) {
    // Namespace declarations and xsi:* attributes (nil, type) carry no project data.
    if (attribute !== 'xmlns' && !attribute.includes(':')) ctx.unsupported.add(`${ctx.path}/@${attribute}`, ctx.owner);
  }
  for (const element of spec.required) {
    const key = spec.byElement.get(element)?.key;
    if (key !== undefined && target[key] === undefined) throw fieldError(`${ctx.location}/${element}`, 'is missing; it is required');
  }
  return target as T;
}

/** Writes one record as an element, its children in spec order; throws when a required property is missing. */
export function writeElement<T>(name: string, value: T, spec: ElementSpec<T>, where: string): XmlElement {
  for (const element of spec.required) {
    const key = spec.byElement.get(element)?.key;
    if (key !== undefined && (value as Record<string, unknown>)[key] === undefined) {
      throw fieldError(`${where}.${key}`, `is missing; <${element}> is required`);
    }
  }
  return parentElement(
    name,
    spec.entries.flatMap((entry) => entry.write(value, where)),
  );
}

/** Builders of entries for records of type `T`, checked against its property types. */
export function fieldsOf<T>() {
  return {
    /** A leaf element holding one value. */
    scalar<K extends keyof T & string>(element: string, key: K, codec: Codec<NonNullable<T[K]>>): Entry<T> {
      return {
        element,
        key,
        read(nodes, target, ctx) {
          const [node] = nodes;
          if (node === undefined) return;
          if (nodes.length > 1) ctx.unsupported.add(`${ctx.path}/${element} (repeated)`, ctx.owner, nodes.length - 1);
          const location = `${ctx.location}/${element}`;
          if (node.children.length > 0) throw fieldError(location, `holds an element <${node.children[0]?.name}>; a value was expected`);
          if (codec.emptyIsAbsent && node.text.trim() === '') return;
          try {
            target[key] = codec.parse(node.text);
          } catch (error) {
            rethrow(error, location);
          }
        },
        write(value, where) {
          const v = value[key];
          if (v === undefined || v === null) return [];
          try {
            return [textElement(element, codec.format(v as NonNullable<T[K]>))];
          } catch (error) {
            return rethrow(error, `${where}.${key}`);
          }
        },
      };
    },

    /** A repeated child element, one per list item (e.g. `PredecessorLink`). */
    list<I, K extends KeysOfType<T, I[]>>(element: string, key: K, spec: ElementSpec<I>): Entry<T> {
      return {
        element,
        complete: (target) => {
          target[key] ??= [];
        },
        read(nodes, target, ctx) {
          const items = (target[key] ??= []) as I[];
          nodes.forEach((node, i) => items.push(readElement(node, spec, childContext(ctx, element, node, i, spec.noun))));
        },
        write: (value, where) =>
          (value[key] as I[]).map((item, i) => writeElement(element, item, spec, `${where}.${key}[${i}]`)),
      };
    },

    /** A container of repeated items (e.g. `WorkingTimes/WorkingTime`); written only when it has items unless `always`. */
    wrapped<I, K extends KeysOfType<T, I[]>>(wrapper: string, item: string, key: K, spec: ElementSpec<I>, always = false): Entry<T> {
      return {
        element: wrapper,
        complete: (target) => {
          target[key] ??= [];
        },
        read(nodes, target, ctx) {
          const items = (target[key] ??= []) as I[];
          const wrapperCtx = { ...ctx, path: `${ctx.path}/${wrapper}` };
          for (const node of nodes) {
            const others = node.children.filter((child) => child.name !== item);
            for (const other of others) reportUnsupported(wrapperCtx, other.name, [other]);
            node.children
              .filter((child) => child.name === item)
              .forEach((child, i) => items.push(readElement(child, spec, childContext(ctx, `${wrapper}/${item}`, child, i, spec.noun))));
          }
        },
        write(value, where) {
          const items = value[key] as I[];
          if (items.length === 0 && !always) return [];
          return [parentElement(wrapper, items.map((it, i) => writeElement(item, it, spec, `${where}.${key}[${i}]`)))];
        },
      };
    },
  };
}
