import { strict as assert } from 'assert';
import { existsSync } from 'fs';
import * as path from 'path';
import { parseBenchArgs } from '../../../bench/args';
import { catalog } from '../../../bench/catalog';
import { buildPlan, groups, overridesKey } from '../../../bench/plan';
import type { ModelSpec } from '../../../bench/spec';

const ROOT = '/data';
const models = (runs: ReturnType<typeof buildPlan>): ModelSpec[] =>
  runs.map((r) => r.spec).filter((s): s is ModelSpec => s.kind === 'model');

describe('bench: data set catalog', () => {
  const entities = catalog(ROOT);

  it('lists every labelled entity, tuning only on SMD machine-2-1 and ASD omi-1..6', () => {
    assert.equal(entities.length, 1 + 12 + 3 + 34);
    const tuning = entities.filter((e) => e.role === 'tuning').map((e) => e.name);
    assert.deepEqual(tuning, ['machine-2-1', 'omi-1', 'omi-2', 'omi-3', 'omi-4', 'omi-5', 'omi-6']);
  });

  it('follows each data set\'s label conventions', () => {
    const smd = entities.find((e) => e.dataset === 'smd');
    const asd = entities.find((e) => e.name === 'omi-7');
    assert.deepEqual(smd?.segments, { endInclusive: false, oneBased: true });
    assert.deepEqual(asd?.segments, { endInclusive: true, oneBased: true });
    // TSB-AD's name says rows 0..2074 train: the job trains on floor(rows × fraction) rows.
    const smap = entities.find((e) => e.dataset === 'smap');
    assert.equal(Math.floor(8302 * (smap?.trainFraction ?? 0)), 2075);
    assert.equal(entities.find((e) => e.dataset === 'psm')?.trainFraction, 0.2);
    assert.equal(entities.filter((e) => e.dataset === 'skab' && e.labels === 'anomaly').length, 34);
  });

  it('points at files that exist in the shared datasets folder', function () {
    const shared = path.resolve(__dirname, '..', '..', '..', '..', '..', 'shared', 'datasets');
    if (!existsSync(shared)) this.skip();
    for (const e of catalog(shared)) {
      const labelFile = path.isAbsolute(e.labels) ? e.labels : undefined;
      for (const file of [e.test, e.train, e.channelLabels, labelFile]) {
        if (file) assert.ok(existsSync(file), `${e.dataset} ${e.name}: ${file} is missing`);
      }
    }
  });
});

describe('bench: plan', () => {
  const entities = catalog(ROOT);

  it('quick mode: baselines, then SMD machine-2-1 and ASD omi-1, seed 1, default preset', () => {
    const plan = buildPlan(parseBenchArgs(['--quick']), entities, ['wasm', 'cpu'], '/tmp/w');
    assert.deepEqual(plan.map((p) => p.spec.kind), ['baselines', 'baselines', 'model', 'model']);
    const runs = models(plan);
    assert.deepEqual(runs.map((m) => m.entities[0].name), ['machine-2-1', 'omi-1']);
    assert.ok(runs.every((m) => m.seed === 1 && m.preset === 'default' && m.backend === 'wasm'));
  });

  it('full run: every preset and seed on the fastest backend, paper on SMD only', () => {
    const plan = buildPlan(parseBenchArgs([]), entities, ['wasm', 'cpu'], '/tmp/w');
    const wasm = models(plan).filter((m) => m.backend === 'wasm');
    // 17 groups (SMD, 12 ASD, SMAP, PSM, GDN, SKAB as one group) × 3 seeds, per preset.
    assert.equal(wasm.filter((m) => m.preset === 'default').length, 51);
    assert.equal(wasm.filter((m) => m.preset === 'tiny').length, 51);
    const paper = wasm.filter((m) => m.preset === 'paper');
    assert.equal(paper.length, 3);
    assert.ok(paper.every((m) => m.dataset === 'smd'));
    const skab = wasm.find((m) => m.dataset === 'skab');
    assert.equal(skab?.entities.length, 34);

    const cpu = models(plan).filter((m) => m.backend === 'cpu');
    assert.equal(cpu.filter((m) => m.preset === 'tiny').length, 7);
    const cpuDefault = cpu.filter((m) => m.preset === 'default');
    assert.deepEqual(cpuDefault.map((m) => m.entities[0].name), ['omi-1']);
    assert.equal(plan.filter((p) => p.spec.kind === 'scaling').length, 12);
  });

  it('orders runs by tier and gives each a unique key', () => {
    const plan = buildPlan(parseBenchArgs([]), entities, ['wasm'], '/tmp/w');
    for (let i = 1; i < plan.length; i++) assert.ok(plan[i - 1].tier <= plan[i].tier);
    assert.equal(new Set(plan.map((p) => p.spec.key)).size, plan.length);
    assert.equal(plan[0].spec.kind, 'baselines');
    const first = models(plan)[0];
    assert.equal(first.preset, 'default');
    assert.equal(first.seed, 1);
  });

  it('baselines are evaluated at the windows of the presets run', () => {
    const args = parseBenchArgs(['--set', 'window=64', '--no-scaling']);
    const plan = buildPlan(args, entities, ['wasm'], '/w');
    const baseline = plan.find((p) => p.spec.kind === 'baselines')?.spec;
    assert.ok(baseline?.kind === 'baselines');
    assert.deepEqual(baseline.typicalWindows, [64]);
    const all = buildPlan(parseBenchArgs(['--no-scaling']), entities, ['wasm'], '/w');
    const windows = all.find((p) => p.spec.kind === 'baselines')?.spec;
    assert.ok(windows?.kind === 'baselines');
    assert.deepEqual(windows.typicalWindows, [16, 40, 100]);
  });

  it('filters data sets and keys runs by their overrides', () => {
    const plan = buildPlan(
      parseBenchArgs([
        '--datasets', 'gdn-msl', '--presets', 'default', '--seeds', '1', '--no-scaling',
        '--set', 'k=2', '--set', 'epochs=3',
      ]),
      entities, ['wasm'], '/w',
    );
    const runs = models(plan);
    assert.equal(runs.length, 1);
    assert.equal(runs[0].key, 'model|default|wasm|gdn-msl|demo|seed1|epochs=3,k=2');
    assert.equal(overridesKey({ k: '2', epochs: '3' }), overridesKey({ epochs: '3', k: '2' }));
  });

  it('groups only the data sets whose files share one training file', () => {
    const grouped = groups(entities);
    assert.equal(grouped.length, 17);
    assert.ok(grouped.filter((g) => g.length > 1).every((g) => g[0].dataset === 'skab'));
  });
});
