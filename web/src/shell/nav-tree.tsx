import { Anchor, Box, Group, Skeleton, Stack, Text, Tree, UnstyledButton, useTree, type RenderTreeNodePayload } from '@mantine/core';
import { IconAlertTriangle, IconBriefcase, IconChevronRight, IconFileDescription, IconStack2 } from '@tabler/icons-react';
import { useMemo, useState, type KeyboardEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useCurrentOrganisation } from '../auth/current-organisation';
import { ancestorsOf, hrefOf, nodeValue, treeData, type NodeKind, type NodeProps } from './nav-tree-data';
import classes from './nav-tree.module.css';

const KIND_ICONS = { portfolio: IconBriefcase, programme: IconStack2, project: IconFileDescription } as const;

/** The record the current URL shows, as a tree node value. */
function currentValue(pathname: string): string | null {
  const m = /^\/(portfolio|programme|project)s\/([^/]+)/.exec(pathname);
  return m ? nodeValue(m[1] as NodeKind, m[2] as string) : null;
}

function NavNode({ node, expanded, hasChildren, elementProps, tree }: RenderTreeNodePayload) {
  const props = node.nodeProps as NodeProps | undefined;
  const kind = props?.kind ?? 'project';
  const KindIcon = KIND_ICONS[kind];
  const href = hrefOf(node.value) ?? '/';
  // The tree item's accessible name is its own label, not the text of everything nested in it.
  const name = `${String(node.label)}${props?.aligned === false ? ' (unaligned)' : ''}`;
  const labelItem = (el: HTMLDivElement | null) => el?.closest('[role=treeitem]')?.setAttribute('aria-label', name);
  return (
    <Group gap={4} wrap="nowrap" {...elementProps} ref={labelItem} onClick={() => !expanded && hasChildren && tree.expand(node.value)}>
      {hasChildren ? (
        <UnstyledButton
          className={classes.chevron}
          data-expanded={expanded || undefined}
          tabIndex={-1}
          aria-hidden
          onClick={(e) => {
            e.stopPropagation();
            tree.toggleExpanded(node.value);
          }}
        >
          <IconChevronRight size={14} />
        </UnstyledButton>
      ) : (
        <span className={classes.spacer} />
      )}
      <KindIcon size={15} className={classes.kind} aria-hidden />
      <Anchor component={Link} to={href} tabIndex={-1} className={classes.link} title={`${props?.code ?? ''} ${String(node.label)}`.trim()}>
        {node.label}
      </Anchor>
      {props?.aligned === false && (
        <Box component="span" className={classes.flag} title="Unaligned: contributes to no strategic objective">
          <IconAlertTriangle size={13} aria-hidden />
          <span className="visually-hidden">(unaligned)</span>
        </Box>
      )}
    </Group>
  );
}

/**
 * Portfolios → programmes (nested) → projects the person may see. Arrow keys move and
 * expand, Enter opens the record; the path to the open record is expanded and selected.
 */
export function NavTree() {
  const { tree: data } = useCurrentOrganisation();
  const nodes = useMemo(() => (data ? treeData(data) : []), [data]);
  const location = useLocation();
  const navigate = useNavigate();
  const current = currentValue(location.pathname);
  // Expansion is held here (not inside the tree) so the path to the open record is opened
  // during render, before the tree initialises: no effect ordering to depend on.
  const [expanded, setExpanded] = useState<Record<string, boolean>>({});
  const [openedFor, setOpenedFor] = useState('');
  // The open record and the records above it; opening a portfolio or programme also unfolds it.
  const ancestors = current ? ancestorsOf(nodes, current) : null;
  const path = ancestors && current ? [...ancestors, current] : null;
  const openKey = path ? path.join('|') : '';
  if (openKey && openKey !== openedFor) {
    setOpenedFor(openKey);
    setExpanded((s) => ({ ...s, ...Object.fromEntries((path ?? []).map((v) => [v, true])) }));
  }
  const tree = useTree({ multiple: false, expandedState: expanded, onExpandedStateChange: setExpanded, selectedState: current ? [current] : [] });

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.key !== 'Enter') return;
    const item = (e.target as HTMLElement).closest<HTMLElement>('[role=treeitem]');
    const href = item?.dataset.value ? hrefOf(item.dataset.value) : null;
    if (href) {
      e.preventDefault();
      void navigate(href);
    }
  };

  if (!data) {
    return (
      <Stack gap={8} px="xs" aria-hidden>
        {[70, 55, 62, 48, 66].map((w) => (
          <Skeleton key={w} h={16} w={`${w}%`} />
        ))}
      </Stack>
    );
  }
  if (nodes.length === 0) {
    return (
      <Text size="sm" c="dimmed" px="xs">
        No portfolios you can see yet.
      </Text>
    );
  }
  return (
    <Tree
      data={nodes}
      tree={tree}
      levelOffset={14}
      expandOnClick={false}
      renderNode={(payload) => <NavNode {...payload} />}
      onKeyDown={onKeyDown}
      aria-label="Portfolios, programmes and projects"
      classNames={{ label: classes.label }}
    />
  );
}
