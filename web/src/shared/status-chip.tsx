import { Badge, type BadgeProps } from '@mantine/core';
import {
  IconAlertTriangle,
  IconBulb,
  IconCheck,
  IconClipboardList,
  IconFlag,
  IconPlayerPauseFilled,
  IconPlayerPlayFilled,
  IconRocket,
  IconTarget,
  IconX,
  type Icon,
} from '@tabler/icons-react';
import { STAGE_LABELS, STATE_LABELS, type ProjectState, type Stage } from '../../../src/domain/structure/index.js';
import { STATUS_COLOURS } from '../theme';

/**
 * Status is never colour alone: every chip carries a word and an icon, and its text uses the
 * darkest shade of its colour so it meets contrast on the light background.
 */
type ChipProps = { label: string; colour: string; icon: Icon; size?: BadgeProps['size']; title?: string };

export function StatusChip({ label, colour, icon: ChipIcon, size = 'sm', title }: ChipProps) {
  return (
    <Badge
      color={colour}
      c={`${colour}.9`}
      size={size}
      title={title}
      leftSection={<ChipIcon size={12} stroke={2} aria-hidden />}
      styles={{ root: { fontWeight: 600, flexShrink: 0 } }}
    >
      {label}
    </Badge>
  );
}

const STAGE_ICONS: Record<Stage, Icon> = {
  proposal: IconBulb,
  initiation: IconFlag,
  planning: IconClipboardList,
  delivery: IconRocket,
  closure: IconCheck,
};

export function StageChip({ stage, size }: { stage: Stage; size?: BadgeProps['size'] }) {
  return <StatusChip label={STAGE_LABELS[stage]} colour={STATUS_COLOURS.stage} icon={STAGE_ICONS[stage]} size={size} title={`Stage: ${STAGE_LABELS[stage]}`} />;
}

const STATE_ICONS: Record<ProjectState, Icon> = {
  active: IconPlayerPlayFilled,
  'on-hold': IconPlayerPauseFilled,
  completed: IconCheck,
  cancelled: IconX,
};

export function StateChip({ state, size }: { state: ProjectState; size?: BadgeProps['size'] }) {
  return <StatusChip label={STATE_LABELS[state]} colour={STATUS_COLOURS[state]} icon={STATE_ICONS[state]} size={size} title={`State: ${STATE_LABELS[state]}`} />;
}

export function AlignedChip({ aligned, size }: { aligned: boolean; size?: BadgeProps['size'] }) {
  return aligned ? (
    <StatusChip label="Aligned" colour={STATUS_COLOURS.aligned} icon={IconTarget} size={size} title="Contributes to at least one strategic objective" />
  ) : (
    <StatusChip label="Unaligned" colour={STATUS_COLOURS.unaligned} icon={IconAlertTriangle} size={size} title="Contributes to no strategic objective" />
  );
}
