import type { TreeNodeData } from '@mantine/core';
import type { Tree, TreePortfolio } from '../api/types';

/**
 * The navigation tree as Mantine tree nodes. Values name the record: `portfolio:<id>`,
 * `programme:<id>`, `project:<id>`, so a node knows its page.
 */

export type NodeKind = 'portfolio' | 'programme' | 'project';

export function nodeValue(kind: NodeKind, id: string): string {
  return `${kind}:${id}`;
}

export function parseNodeValue(value: string): { kind: NodeKind; id: string } | null {
  const [kind, id] = value.split(':');
  if ((kind === 'portfolio' || kind === 'programme' || kind === 'project') && id) return { kind, id };
  return null;
}

export function hrefOf(value: string): string | null {
  const node = parseNodeValue(value);
  return node ? `/${node.kind}s/${node.id}` : null;
}

/** Extra facts a node shows: code, and for projects whether they are aligned. */
export type NodeProps = { kind: NodeKind; code: string; aligned?: boolean };

function portfolioNodes(p: TreePortfolio): TreeNodeData[] {
  const projectNode = (j: TreePortfolio['projects'][number]): TreeNodeData => ({
    value: nodeValue('project', j.id),
    label: j.name,
    nodeProps: { kind: 'project', code: j.code, aligned: j.aligned } satisfies NodeProps,
  });
  const programmeNode = (g: TreePortfolio['programmes'][number], seen: Set<string>): TreeNodeData => {
    seen.add(g.id);
    const children = [
      ...p.programmes.filter((c) => c.parentId === g.id && !seen.has(c.id)).map((c) => programmeNode(c, seen)),
      ...p.projects.filter((j) => j.programmeId === g.id).map(projectNode),
    ];
    return { value: nodeValue('programme', g.id), label: g.name, nodeProps: { kind: 'programme', code: g.code } satisfies NodeProps, children };
  };
  const known = new Set(p.programmes.map((g) => g.id));
  const seen = new Set<string>();
  // Programmes whose parent is not visible sit at the top of the portfolio.
  const roots = p.programmes.filter((g) => !g.parentId || !known.has(g.parentId));
  return [
    ...roots.map((g) => programmeNode(g, seen)),
    ...p.projects.filter((j) => !j.programmeId || !known.has(j.programmeId)).map(projectNode),
  ];
}

export function treeData(tree: Tree): TreeNodeData[] {
  return tree.portfolios.map((p) => ({
    value: nodeValue('portfolio', p.id),
    label: p.name,
    nodeProps: { kind: 'portfolio', code: p.code } satisfies NodeProps,
    children: portfolioNodes(p),
  }));
}

/** The values of the nodes above `value` (outermost first), to expand the path to the open record. */
export function ancestorsOf(nodes: TreeNodeData[], value: string): string[] | null {
  for (const n of nodes) {
    if (n.value === value) return [];
    const below = n.children ? ancestorsOf(n.children, value) : null;
    if (below) return [n.value, ...below];
  }
  return null;
}
