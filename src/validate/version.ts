/**
 * drachtio-server versions as the registry writes them ("0.2.0", "v0.8.25") and as users
 * name a target ("0.8.x", "0.9", "v0.9.4"). A target is a range of releases.
 */
export type Version = readonly [number, number, number];

export interface VersionRange {
  label: string;
  min: Version;
  max: Version;
}

const RELEASE = /^v?(\d+)\.(\d+)\.(\d+)(?:-[0-9A-Za-z.]+)?$/;
const SERIES = /^v?(\d+)\.(\d+)(?:\.[xX*])?$/;

export function parseVersion(text: string): Version | undefined {
  const m = RELEASE.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/** A release ("v0.9.4") is a range of one; a series ("0.8.x", "0.8") spans every release in it. */
export function parseVersionRange(text: string): VersionRange | undefined {
  const exact = parseVersion(text);
  if (exact) return { label: `v${exact.join('.')}`, min: exact, max: exact };
  const m = SERIES.exec(text.trim());
  if (!m) return undefined;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return { label: `${major}.${minor}.x`, min: [major, minor, 0], max: [major, minor, Infinity] };
}

export function compareVersions(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** Where a version falls relative to a range: every release in it is before or at/after it, or the range straddles it. */
export function rangeVersus(range: VersionRange, v: Version): 'before' | 'from' | 'straddles' {
  if (compareVersions(range.max, v) < 0) return 'before';
  if (compareVersions(range.min, v) >= 0) return 'from';
  return 'straddles';
}
