import { IconGavel, IconLifebuoy, IconShieldCheck } from '@tabler/icons-react';
import { PMO_MODE_LABELS, type PmoMode } from '../../../src/domain/structure/index.js';
import { StatusChip } from './status-chip';

const ICONS = { supportive: IconLifebuoy, controlling: IconShieldCheck, directive: IconGavel } as const;

/** How strongly the PMO enforces its rules here (supportive, controlling, directive). */
export function PmoModeChip({ mode }: { mode: PmoMode }) {
  return <StatusChip label={`${PMO_MODE_LABELS[mode]} PMO`} colour="gray" icon={ICONS[mode]} title={`PMO mode: ${PMO_MODE_LABELS[mode]}`} />;
}
