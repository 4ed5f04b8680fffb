/**
 * Assertion helper for the evaluation and baseline tests: numbers equal within a tolerance,
 * with both values in the failure message.
 */
import { strict as assert } from 'assert';

export function assertClose(actual: number, expected: number, tolerance = 1e-12, what = ''): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${what ? what + ': ' : ''}${actual} is not within ${tolerance} of ${expected}`,
  );
}
