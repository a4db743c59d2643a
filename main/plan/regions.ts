// Which AWS regions exist, from the partition data the AWS SDK itself resolves endpoints with, so the list is
// as current as the installed SDK and nobody maintains a copy. The SDK exports no list, only `partition(region)`,
// which adds the region's description when (and only when) the region is one it knows.
import { partition } from '@aws-sdk/core/client';

/** The region's description (e.g. "Europe (Frankfurt)"), or undefined when the SDK knows no such region. */
export function awsRegionDescription(region: string): string | undefined {
  const description = (partition(region) as { description?: unknown }).description;
  return typeof description === 'string' ? description : undefined;
}

const REGION_CHARACTERS = 'abcdefghijklmnopqrstuvwxyz0123456789-';

/**
 * Known regions one typo away (a character deleted, inserted, replaced, or two swapped), sorted. Built by asking
 * the SDK about each variant, since it has no list to compare against.
 */
export function nearAwsRegions(region: string): { region: string; description: string }[] {
  const variants = new Set<string>();
  for (let i = 0; i <= region.length; i++) {
    const before = region.slice(0, i);
    const after = region.slice(i);
    if (after) variants.add(before + after.slice(1));
    if (after.length >= 2) variants.add(before + after[1] + after[0] + after.slice(2));
    for (const character of REGION_CHARACTERS) {
      variants.add(before + character + after);
      if (after) variants.add(before + character + after.slice(1));
    }
  }
  variants.delete(region);
  return [...variants].sort().flatMap((variant) => {
    const description = awsRegionDescription(variant);
    return description === undefined ? [] : [{ region: variant, description }];
  });
}
