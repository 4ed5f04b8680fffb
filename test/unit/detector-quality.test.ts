/**
 * End-to-end quality bar: a small model trained on clean correlated sine channels finds
 * anomalies injected into known channels of a test series and ranks those channels first.
 * The same bar is applied to random scores, which must fail it, so that the bar cannot be
 * passed by a broken model.
 */
import * as assert from 'assert';
import { Detector } from '../../src/engine/detector';
import { Random } from '../../src/engine/random';
import { ScoreResult } from '../../src/engine/types';
import { sineSeries, smallConfig, useBackend } from './model/fixtures';

interface InjectedEvent {
  from: number;
  /** Exclusive. */
  to: number;
  channel: number;
  kind: 'level shift' | 'spike' | 'noise burst';
}

const C = 6;
const EVENTS: InjectedEvent[] = [
  { from: 150, to: 190, channel: 2, kind: 'level shift' },
  { from: 350, to: 353, channel: 4, kind: 'spike' },
  { from: 470, to: 500, channel: 0, kind: 'noise burst' },
];

/** Area under the ROC curve of per-row scores against 0/1 labels (ties share ranks). */
function aucRoc(scores: Float32Array, labels: Uint8Array): number {
  const order = Array.from(scores.keys()).sort((a, b) => scores[a] - scores[b]);
  const ranks = new Float64Array(scores.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]] === scores[order[i]]) j++;
    for (let k = i; k <= j; k++) ranks[order[k]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  let positives = 0;
  let rankSum = 0;
  labels.forEach((label, i) => {
    if (label === 1) {
      positives += 1;
      rankSum += ranks[i];
    }
  });
  const negatives = labels.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Events whose top channel (localization score summed over the event) is the injected one. */
function topChannelHits(result: ScoreResult): number {
  return EVENTS.filter((event) => {
    const sums = new Float64Array(C);
    for (let t = event.from; t < event.to; t++) {
      for (let c = 0; c < C; c++) sums[c] += result.channelScore[t * C + c];
    }
    return sums.indexOf(Math.max(...sums)) === event.channel;
  }).length;
}

function passesBar(result: ScoreResult, labels: Uint8Array): boolean {
  return aucRoc(result.timeScore, labels) > 0.9 && topChannelHits(result) >= 2;
}

describe('detection quality on injected anomalies', () => {
  before(() => useBackend('wasm'));

  it('finds the events and their channels; random scores fail the same bar', async () => {
    const train = sineSeries(1200, C, 1, '/data/train.csv');
    const test = sineSeries(600, C, 2, '/data/test.csv');
    const labels = new Uint8Array(test.rows);
    const noise = new Random(9);
    for (const event of EVENTS) {
      for (let t = event.from; t < event.to; t++) {
        labels[t] = 1;
        const i = t * C + event.channel;
        if (event.kind === 'level shift') test.values[i] += 2;
        if (event.kind === 'spike') test.values[i] += 4;
        if (event.kind === 'noise burst') test.values[i] += noise.normal();
      }
    }

    const detector = await Detector.train(train, smallConfig({ epochs: 3 }));
    const result = await detector.score(test);
    detector.dispose();

    const auc = aucRoc(result.timeScore, labels);
    const hits = topChannelHits(result);
    assert.ok(auc > 0.9, `AUC-ROC ${auc.toFixed(3)}`);
    assert.ok(hits >= 2, `top-1 channel right for ${hits} of 3 events`);
    assert.ok(passesBar(result, labels));

    const rng = new Random(3);
    const random: ScoreResult = {
      ...result,
      timeScore: Float32Array.from(result.timeScore, () => rng.next()),
      channelScore: Float32Array.from(result.channelScore, () => rng.next()),
    };
    assert.ok(!passesBar(random, labels), `random scores: AUC ${aucRoc(random.timeScore, labels)}`);
  });
});
