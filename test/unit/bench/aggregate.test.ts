import { strict as assert } from 'assert';
import {
  datasetRows,
  entityRows,
  metricsOf,
  qualityRecords,
  SHUFFLED,
  speedRows,
} from '../../../bench/aggregate';
import type { Role } from '../../../bench/catalog';
import type { Evaluation } from '../../../src/engine/eval/metrics';
import { baselineOutcome, evaluation, modelOutcome, speed } from './outcomes';

type Row = [string, Role, Evaluation];
const omi1 = (aucPr: number): Row => ['omi-1', 'tuning', evaluation(aucPr, 1)];
const omi7 = (aucPr: number): Row => ['omi-7', 'held-out', evaluation(aucPr, 0.5)];
const smd = (aucPr: number): Row => ['machine-2-1', 'tuning', evaluation(aucPr)];

describe('bench: aggregation', () => {
  it('takes the figures of an evaluation and leaves out the undefined ones', () => {
    const m = metricsOf(evaluation(0.25, 0.5));
    assert.equal(m.aucPr, 0.25);
    assert.equal(m.hitRate150, 0.5);
    assert.equal(m.vusPr, undefined);
    assert.equal(metricsOf({ timewise: { aucPr: NaN } as never }).aucPr, undefined);
  });

  it('averages entities per seed, then gives mean and std over seeds', () => {
    // Seed 1: entity means (0.2 + 0.4) / 2 = 0.3; seed 2: (0.4 + 0.6) / 2 = 0.5.
    // Over seeds: mean 0.4, std sqrt(((0.1)² + (0.1)²) / 1) = 0.1414.
    const outcomes = [
      modelOutcome('asd', [omi1(0.2), omi7(0.4)], 1),
      modelOutcome('asd', [omi1(0.4), omi7(0.6)], 2),
    ];
    const rows = datasetRows(qualityRecords(outcomes, 50), 'asd');
    const post = rows.find((r) => r.method === 'POST default (wasm)');
    assert.ok(post);
    assert.equal(post.entities, 2);
    assert.equal(post.seeds, 2);
    assert.ok(Math.abs(post.metrics.aucPr.mean - 0.4) < 1e-12);
    assert.ok(Math.abs(post.metrics.aucPr.std - Math.SQRT2 / 10) < 1e-12);
    assert.equal(post.metrics.hitRate150.mean, 0.75);

    // A third seed that ran omi-1 only is left out of the data set's mean, not averaged in.
    const partial = [...outcomes, modelOutcome('asd', [omi1(0.9)], 3)];
    const [complete] = datasetRows(qualityRecords(partial, 50), 'asd');
    assert.equal(complete.seeds, 2);
    assert.ok(Math.abs(complete.metrics.aucPr.mean - 0.4) < 1e-12);

    const tuning = datasetRows(qualityRecords(outcomes, 50), 'asd', 'tuning')[0];
    assert.ok(Math.abs(tuning.metrics.aucPr.mean - 0.3) < 1e-12);
    assert.equal(tuning.entities, 1);
  });

  it('adds the run\'s shuffled scores as a chance row', () => {
    const e = { ...evaluation(0.3), random: evaluation(0.05) };
    const records = qualityRecords([modelOutcome('smd', [['machine-2-1', 'tuning', e]], 1)], 50);
    const chance = records.find((r) => r.method.endsWith(SHUFFLED));
    assert.equal(chance?.metrics.aucPr, 0.05);
  });

  it('keeps baselines at the chosen window only, the smallest when it is missing', () => {
    const pca = (aucPr: number, window: number) =>
      baselineOutcome('smd', [['machine-2-1', 'tuning', 'pca', 1, evaluation(aucPr)]], window);
    const at50 = pca(0.19, 50);
    const at100 = pca(0.5, 100);
    const both = { ...at50, evaluations: [...at50.evaluations, ...at100.evaluations] };
    assert.deepEqual(qualityRecords([both], 50).map((r) => r.metrics.aucPr), [0.19]);
    const fallback = qualityRecords([at100], 50).map((r) => [r.method, r.metrics.aucPr]);
    assert.deepEqual(fallback, [['PCA', 0.5]]);
  });

  it('leaves failed runs out of the quality tables', () => {
    const failed = { ...modelOutcome('smd', [smd(0.9)], 1), ok: false };
    assert.equal(qualityRecords([failed], 50).length, 0);
  });

  it('summarises each entity over seeds', () => {
    const outcomes = [1, 2, 3].map((seed) =>
      modelOutcome('smd', [['machine-2-1', 'tuning', evaluation(0.1 * seed, 0.5)]], seed),
    );
    const [row] = entityRows(qualityRecords(outcomes, 50), 'smd');
    const post = row.byMethod.get('POST default (wasm)');
    assert.ok(post);
    assert.ok(Math.abs(post.aucPr.mean - 0.2) < 1e-12);
    assert.equal(post.aucPr.n, 3);
  });

  it('groups speed figures per method and data set', () => {
    const outcomes = [
      modelOutcome('smd', [smd(0.2)], 1, { speed: speed(200, 150) }),
      modelOutcome('smd', [smd(0.2)], 2, { speed: speed(220, 170) }),
      modelOutcome('asd', [['omi-1', 'tuning', evaluation(0.2)]], 1, { speed: speed(60, 50) }),
    ];
    const rows = speedRows(outcomes);
    assert.equal(rows.length, 2);
    assert.equal(rows[0].runs, 2);
    assert.equal(rows[0].endToEndSeconds.mean, 210);
    assert.equal(rows[0].cpuSeconds.mean, 160);
    assert.equal(rows[1].entity, 'omi-1');
  });
});
