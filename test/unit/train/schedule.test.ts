/**
 * The training schedule: what each phase may change, where the stop-gradients cut, and when
 * the graph phase runs.
 */
import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs-core';
import { PostConfig } from '../../../src/engine/config';
import { PostModel } from '../../../src/engine/model/post-model';
import { Random } from '../../../src/engine/random';
import { associationDiscrepancy } from '../../../src/engine/train/discrepancy';
import { Adam, MomentumSgd } from '../../../src/engine/train/optimizers';
import {
  adamStep,
  graphStep,
  isGraphStep,
  plannedSteps,
  trainModel,
} from '../../../src/engine/train/trainer';
import { drawNegatives } from '../../../src/engine/train/triplet';
import { smallConfig, smallModel, useBackend } from '../model/fixtures';

/** Every parameter's values by name. */
function snapshot(model: PostModel): Map<string, Float32Array> {
  const entries = model.params.entries();
  return new Map(entries.map(([name, v]) => [name, Float32Array.from(v.dataSync())]));
}

function changedNames(model: PostModel, before: Map<string, Float32Array>): string[] {
  return model.params
    .entries()
    .filter(([name, v]) => v.dataSync().some((x, i) => x !== before.get(name)![i]))
    .map(([name]) => name);
}

/** Largest absolute gradient per parameter name for a loss of the forward outputs. */
function gradientSizes(
  model: PostModel,
  x: tf.Tensor3D,
  loss: (out: ReturnType<PostModel['forward']>) => tf.Scalar,
): Map<string, number> {
  const variables = model.params.entries();
  const list = variables.map(([, v]) => v);
  const { value, grads } = tf.variableGrads(() => loss(model.forward(x)), list);
  const sizes = new Map<string, number>();
  for (const [name, v] of variables) {
    const g = grads[v.name];
    const size = g === undefined || g === null ? 0 : tf.tidy(() => tf.max(tf.abs(g)).dataSync()[0]);
    sizes.set(name, size);
  }
  tf.dispose([value, ...Object.values(grads)]);
  return sizes;
}

describe('training schedule', () => {
  const config: PostConfig = smallConfig({ window: 8, dModel: 8, heads: 2, layers: 1, dFF: 8 });
  const C = 4;
  let model: PostModel;
  let x: tf.Tensor3D;

  before(() => useBackend('cpu'));
  beforeEach(() => {
    model = smallModel(config, C, 3);
    x = tf.randomNormal([4, config.window, C], 0, 1, 'float32', 5) as tf.Tensor3D;
  });
  afterEach(() => {
    model.dispose();
    x.dispose();
  });

  it('leaves every adjacency unchanged in an Adam-phase step and changes the rest', async () => {
    const before = snapshot(model);
    const adam = new Adam(model.adamVariables(), 1e-3);
    const negatives = [drawNegatives(4, config.heads, new Random(1))];
    await adamStep(model, adam, x, config, negatives);
    adam.dispose();

    const changed = changedNames(model, before);
    assert.ok(!changed.some((name) => name.endsWith('.graph')), `changed: ${changed}`);
    const expected = model.params.names().filter((name) => !name.endsWith('.graph'));
    assert.deepStrictEqual(changed.sort(), expected.sort());
  });

  it('changes only the adjacencies in a graph-phase step', async () => {
    const before = snapshot(model);
    const sgd = new MomentumSgd(model.graphVariables(), config.graphLearningRate, 0.9);
    await graphStep(model, sgd, x, config);
    sgd.dispose();
    assert.deepStrictEqual(changedNames(model, before), ['layer0.spatial.graph']);
  });

  it('blocks the prior side of the temporal pair from the observation-side term', () => {
    const layer = 'layer0.temporal';
    const observationSide = gradientSizes(model, x, (out) =>
      associationDiscrepancy(out.layers[0].temporalSeries, out.layers[0].temporalPrior, {
        observation: -1,
        prior: 0,
      }),
    );
    // The sigma projection feeds only the prior P̂.
    assert.strictEqual(observationSide.get(`${layer}.ws`), 0);
    assert.strictEqual(observationSide.get(`${layer}.bs`), 0);
    assert.ok(observationSide.get(`${layer}.wq`)! > 0 && observationSide.get(`${layer}.wk`)! > 0);

    const priorSide = gradientSizes(model, x, (out) =>
      associationDiscrepancy(out.layers[0].temporalSeries, out.layers[0].temporalPrior, {
        observation: 0,
        prior: 1,
      }),
    );
    // Q and K feed only the observation S (in the last layer, S's output reaches no loss here).
    assert.strictEqual(priorSide.get(`${layer}.wq`), 0);
    assert.strictEqual(priorSide.get(`${layer}.wk`), 0);
    assert.ok(priorSide.get(`${layer}.ws`)! > 0);
  });

  it('blocks the prior side of the spatial pair from the observation-side term, and back', () => {
    const layer = 'layer0.spatial';
    const observationSide = gradientSizes(model, x, (out) =>
      associationDiscrepancy(out.layers[0].spatialSeries, out.layers[0].spatialPrior, {
        observation: -1,
        prior: 0,
      }),
    );
    // The temperature projection feeds only P_s; the GAT vectors only E.
    assert.strictEqual(observationSide.get(`${layer}.tauWeight`), 0);
    assert.strictEqual(observationSide.get(`${layer}.tauBias`), 0);
    assert.strictEqual(observationSide.get(`${layer}.graph`), 0);
    assert.ok(observationSide.get(`${layer}.thetaRow`)! > 0);

    const priorSide = gradientSizes(model, x, (out) =>
      associationDiscrepancy(out.layers[0].spatialSeries, out.layers[0].spatialPrior, {
        observation: 0,
        prior: 1,
      }),
    );
    assert.strictEqual(priorSide.get(`${layer}.thetaRow`), 0);
    assert.strictEqual(priorSide.get(`${layer}.thetaColumn`), 0);
    assert.ok(priorSide.get(`${layer}.tauWeight`)! > 0 && priorSide.get(`${layer}.graph`)! > 0);
  });

  it('counts graph-phase steps over the whole run, so small data still learns the graph', () => {
    // 4 batches per epoch and a graph step every 5th step: the reference's per-epoch counter
    // would never reach 5; the global one fires at steps 5 and 10 (epoch 0 excluded: 5).
    const schedule = { ...config, graphEvery: 5, graphStartEpoch: 1, epochs: 3 };
    const steps = Array.from({ length: 12 }, (_, i) => i + 1);
    const fired = steps.filter((step) => isGraphStep(schedule, step, Math.floor((step - 1) / 4)));
    assert.deepStrictEqual(fired, [5, 10]);
    const planned = plannedSteps(schedule, 16, 4);
    assert.deepStrictEqual(planned, { adamSteps: 12, graphSteps: 2, perEpoch: 4 });
  });

  it('runs the planned phases in order and learns the graph on a few batches', async () => {
    const schedule = { ...config, graphEvery: 3, graphStartEpoch: 0, epochs: 2 };
    const rows = 40;
    const values = Float32Array.from({ length: rows * C }, (_, i) => Math.sin(i / 3));
    const phases: string[] = [];
    const graphBefore = Float32Array.from(model.graphVariables()[0].dataSync());
    // Windows every trainStride = 4 rows: 9 windows, batches of 4 -> 3 batches per epoch.
    await trainModel(model, { values, rows, channels: C }, schedule, 4, {
      onStep: (s) => phases.push(`${s.step}${s.phase[0]}`),
    });
    assert.deepStrictEqual(phases, ['1a', '2a', '3a', '3g', '4a', '5a', '6a', '6g']);
    const graphAfter = model.graphVariables()[0].dataSync();
    assert.ok(graphAfter.some((v, i) => v !== graphBefore[i]));
  });
});
