import type { RiskMatrixDocument } from '../../api/raid';
import classes from './raid.module.css';

/** A score on its band's colour, with the band named for screen readers and on hover. */
export function ScoreChip({ score, band, matrix, label }: { score: number; band: string; matrix: RiskMatrixDocument | undefined; label?: string }) {
  const colour = matrix?.bands.find((b) => b.name === band)?.colour ?? 'var(--mantine-color-gray-6)';
  return (
    <span className={classes.score} style={{ background: colour }} title={`${label ? `${label}: ` : ''}${score} (${band})`} aria-label={`${label ? `${label} ` : ''}score ${score}, ${band}`}>
      {score}
    </span>
  );
}
