import type { TextMatch } from '../schema/common.js';
import { formatValue } from './format.js';

/** The first requirement of a text match that the text does not meet, described for the learner; null if all hold. */
export function unmetTextMatch(text: string, match: TextMatch): string | null {
  if (match.equals !== undefined && text.trim() !== match.equals.trim())
    return `to be ${formatValue(match.equals)}`;
  if (match.contains !== undefined && !text.includes(match.contains))
    return `to contain ${formatValue(match.contains)}`;
  if (match.notContains !== undefined && text.includes(match.notContains)) {
    return `not to contain ${formatValue(match.notContains)}`;
  }
  if (match.matches !== undefined && !new RegExp(match.matches, 'm').test(text))
    return `to match /${match.matches}/`;
  if (match.notMatches !== undefined && new RegExp(match.notMatches, 'm').test(text)) {
    return `not to match /${match.notMatches}/`;
  }
  return null;
}
