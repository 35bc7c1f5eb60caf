/** Numbers as a manager reads them: shares in percent, money in dollars, 3 significant digits. */

/** A value of an outcome in its unit. */
export function formatNumber(value: number, unit: string): string {
  const text = formatMagnitude(Math.abs(value), unit);
  // A value that rounds to zero is written without a sign: no "−0.0%".
  return value < 0 && !isZeroText(text) ? `−${text}` : text;
}

function formatMagnitude(size: number, unit: string): string {
  if (unit === 'share') return `${(100 * size).toFixed(1)}%`;
  if (unit === 'dollars') return `$${Math.round(size).toLocaleString('en-US')}`;
  if (size >= 1000) return Math.round(size).toLocaleString('en-US');
  return Number(size.toPrecision(3)).toString();
}

/** True when a formatted number reads as zero ("0", "0.0%", "$0", "0.0 pts"). */
export function isZeroText(text: string): boolean {
  return !/[1-9]/.test(text);
}

/** A difference in an outcome's unit, signed; differences of shares in percentage points; "0" when it rounds to zero. */
export function formatDifference(value: number, unit: string): string {
  const magnitude = unit === 'share' ? `${(100 * Math.abs(value)).toFixed(1)} pts` : formatMagnitude(Math.abs(value), unit);
  if (isZeroText(magnitude)) return unit === 'share' ? '0 pts' : unit === 'dollars' ? '$0' : '0';
  return `${value > 0 ? '+' : '−'}${magnitude}`;
}

/** A relative change, signed, in percent; none for shares (a relative change of a share misleads). */
export function formatRelative(value: number, unit = ''): string {
  if (unit === 'share') return '';
  const magnitude = `${Math.abs(100 * value).toFixed(1)}%`;
  if (isZeroText(magnitude)) return '0%';
  return `${value > 0 ? '+' : '−'}${magnitude}`;
}

/**
 * A signed difference as a sentence carries it: as formatDifference, but dollars to 3 significant
 * digits in thousands or millions ("+$7.7M", "+$531k"), which is all a decision needs.
 */
export function formatDifferenceShort(value: number, unit: string): string {
  if (unit !== 'dollars' || Math.abs(value) < 1e4) return formatDifference(value, unit);
  return `${value > 0 ? '+' : '−'}${formatNumberShort(Math.abs(value), unit)}`;
}

/** A value as formatNumber writes it, but dollars from $10k to 3 significant digits ("$2.79M"). */
export function formatNumberShort(value: number, unit: string): string {
  const size = Math.abs(value);
  if (unit !== 'dollars' || size < 1e4) return formatNumber(value, unit);
  const text = size >= 1e6 ? `$${Number((size / 1e6).toPrecision(3))}M` : `$${Number((size / 1e3).toPrecision(3))}k`;
  return value < 0 ? `−${text}` : text;
}
