import { strict as assert } from 'assert';
import { affiliation, affiliationZones } from '../../../src/engine/eval/affiliation';
import { assertClose } from './close';

describe('affiliation metrics', () => {
  it("reproduces the paper's worked example (zone of the second event)", () => {
    // Huet et al. 2022, the example with events at 0-10, 50-70 and 170-175 minutes; the
    // paper gives 0.672 precision and 0.944 recall for the second event's zone.
    const minutes = (a: number, b: number) => ({ start: a * 60, end: b * 60 });
    const events = [minutes(0, 10), minutes(50, 70), minutes(170, 175)];
    const flagged = [
      minutes(5, 6),
      minutes(7, 10),
      minutes(11, 12),
      minutes(40, 60),
      minutes(115, 130),
      minutes(135, 140),
      minutes(165, 170),
    ];
    const zones = affiliationZones(flagged, events, minutes(0, 180));
    assertClose(zones[1].precision, 0.672222222, 1e-9);
    assertClose(zones[1].recall, 0.944444444, 1e-9);
  });

  it('a perfect prediction scores 1 and 1', () => {
    const labels = [0, 0, 0, 0, 1, 1, 0, 0, 0, 0];
    assert.deepEqual(affiliation(labels, labels), { precision: 1, recall: 1, f1: 1 });
  });

  it('a prediction next to the event (hand-computed)', () => {
    // Event [4, 6), flag [7, 8), zone [0, 10). Precision: ∫₇⁸ 2(10 − y)/10 dy = 0.5.
    // Recall: ∫₄⁶ ((2x − 7) + 3)/10 dx / 2 = 1.2 / 2 = 0.6.
    const labels = [0, 0, 0, 0, 1, 1, 0, 0, 0, 0];
    const flags = [0, 0, 0, 0, 0, 0, 0, 1, 0, 0];
    const r = affiliation(flags, labels);
    assertClose(r.precision, 0.5);
    assertClose(r.recall, 0.6);
    assertClose(r.f1, (2 * 0.5 * 0.6) / 1.1);
  });

  it('zones without flags: precision skips them, recall counts 0', () => {
    // Two events; only the first is flagged exactly.
    const labels = [1, 1, 0, 0, 0, 0, 0, 0, 1, 1];
    const flags = [1, 1, 0, 0, 0, 0, 0, 0, 0, 0];
    const r = affiliation(flags, labels);
    assert.equal(r.precision, 1);
    assert.equal(r.recall, 0.5);
  });

  it('nothing flagged: precision undefined, F1 0', () => {
    const r = affiliation([0, 0, 0], [0, 1, 0]);
    assert.ok(Number.isNaN(r.precision));
    assert.equal(r.recall, 0);
    assert.equal(r.f1, 0);
  });
});
