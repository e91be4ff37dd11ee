import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { PharosError } from '../../domain/errors.js';

/** An XML element with its namespace prefix removed and its text decoded. */
export type XmlElement = {
  name: string;
  attributes: Readonly<Record<string, string>>;
  children: readonly XmlElement[];
  /** The element's own text (entities decoded, CDATA included); whitespace between child elements included. */
  text: string;
};

/** fast-xml-parser's ordered output: one key per node (the tag, `#text` or the CDATA key), plus `:@` for attributes. */
type OrderedNode = Record<string, unknown>;

const CDATA = '#cdata';
/** Elements kept as raw markup, not parsed (their text is not decoded either). */
const STOP_NODES = ['TimephasedData'];
const ATTRIBUTE_PREFIX = '@_';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: ATTRIBUTE_PREFIX,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // Entities are decoded here (decodeText), after CDATA is told apart from text, and
  // no DOCTYPE is ever accepted, so no entity can be declared or expanded.
  processEntities: false,
  htmlEntities: false,
  cdataPropName: CDATA,
  commentPropName: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Never mapped and often large: kept as raw text, enough to report them as unsupported.
  stopNodes: STOP_NODES.map((name) => `*.${name}`),
});

const builder = new XMLBuilder({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: ATTRIBUTE_PREFIX,
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
  // Text is escaped by escapeText, so that carriage returns survive too.
  processEntities: false,
});

function malformed(reason: string, line?: number): PharosError {
  const where = line === undefined ? '' : ` (line ${line})`;
  return new PharosError('malformed-request', `Not readable as MS Project XML: ${reason}${where}`, {
    issues: [{ field: 'xml', reason }],
  });
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeText(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&\s]*);?/g, (whole, body: string) => {
    if (!whole.endsWith(';')) throw malformed(`a bare "&" in text near "${whole.slice(0, 20)}"`);
    if (body.startsWith('#')) {
      const hex = body[1] === 'x' || body[1] === 'X';
      const digits = body.slice(hex ? 2 : 1);
      const code = hex ? Number.parseInt(digits, 16) : Number.parseInt(digits, 10);
      const valid = (hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits) && code <= 0x10ffff;
      if (!valid) throw malformed(`the character reference "${whole}" is not valid`);
      return String.fromCodePoint(code);
    }
    const named = NAMED_ENTITIES[body];
    if (named === undefined) throw malformed(`the entity "${whole}" is not defined (only the five XML entities are)`);
    return named;
  });
}

function tagOf(node: OrderedNode): string | undefined {
  for (const key in node) if (key !== ':@') return key;
  return undefined;
}

function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}

const NO_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze({});
/** Shared by every leaf element; nothing adds to a parsed element's children. */
const NO_CHILDREN: XmlElement[] = [];

function toElement(tag: string, node: OrderedNode): XmlElement {
  let attributes = NO_ATTRIBUTES;
  const rawAttributes = node[':@'];
  if (rawAttributes && typeof rawAttributes === 'object') {
    attributes = Object.fromEntries(
      Object.entries(rawAttributes).map(([key, value]) => [key.slice(ATTRIBUTE_PREFIX.length), decodeText(String(value))]),
    );
  }
  let children: XmlElement[] | undefined;
  let text = '';
  const stopNode = STOP_NODES.includes(tag);
  const raw = node[tag];
  const content = Array.isArray(raw) ? (raw as OrderedNode[]) : [];
  for (let i = 0; i < content.length; i++) {
    const child = content[i] as OrderedNode;
    const childTag = tagOf(child);
    if (childTag === undefined) continue;
    if (childTag === '#text') text += stopNode ? String(child[childTag]) : decodeText(String(child[childTag]));
    else if (childTag === CDATA) {
      const parts = child[childTag];
      for (const part of Array.isArray(parts) ? (parts as OrderedNode[]) : []) text += String(part['#text'] ?? '');
    } else (children ??= []).push(toElement(childTag, child));
  }
  return { name: localName(tag), attributes, children: children ?? NO_CHILDREN, text };
}

/**
 * Parses XML text into its root element. Throws a `malformed-request` PharosError for
 * anything that is not well-formed XML, and refuses a DOCTYPE (MSPDI has none; refusing
 * it rules out entity-expansion attacks). The caller limits the size.
 */
export function parseXml(xml: string): XmlElement {
  // A byte-order mark may survive decoding; XML line ends are normalised as the XML spec requires.
  const text = (xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml).replace(/\r\n?/g, '\n');
  const doctype = /<!DOCTYPE/i.exec(text);
  if (doctype) throw malformed('a DOCTYPE is not allowed in MS Project XML', text.slice(0, doctype.index).split('\n').length);
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (valid !== true) throw malformed(valid.err.msg, valid.err.line);
  const nodes = parser.parse(text) as OrderedNode[];
  const roots: XmlElement[] = [];
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === undefined || tag === '#text') continue;
    roots.push(toElement(tag, node));
  }
  const root = roots[0];
  if (root === undefined) throw malformed('the document has no root element');
  if (roots.length > 1) throw malformed(`the document has ${roots.length} root elements`);
  return root;
}

const NEEDS_ESCAPE = /[&<>\r\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

function escapeText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(new RegExp(NEEDS_ESCAPE.source, 'g'), (c) => {
    if (c === '&') return '&amp;';
    if (c === '<') return '&lt;';
    if (c === '>') return '&gt;';
    return `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`;
  });
}

function toOrdered(element: XmlElement): OrderedNode {
  const content: OrderedNode[] =
    element.children.length > 0 ? element.children.map(toOrdered) : element.text === '' ? [] : [{ '#text': escapeText(element.text) }];
  const node: OrderedNode = { [element.name]: content };
  const attributes = Object.entries(element.attributes);
  if (attributes.length > 0) {
    node[':@'] = Object.fromEntries(attributes.map(([key, value]) => [ATTRIBUTE_PREFIX + key, escapeText(value).replace(/"/g, '&quot;')]));
  }
  return node;
}

/** Writes a root element as an XML document with a UTF-8 declaration, indented. */
export function buildXml(root: XmlElement): string {
  const body = builder.build([toOrdered(root)]) as string;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${body.trim()}\n`;
}

/** A text-only element. */
export function textElement(name: string, text: string): XmlElement {
  return { name, attributes: {}, children: [], text };
}

/** An element holding other elements. */
export function parentElement(name: string, children: XmlElement[], attributes: Record<string, string> = {}): XmlElement {
  return { name, attributes, children, text: '' };
}
