/**
 * The second half of the command-line corpus (see inputCorpus.ts): saved models that do not
 * fit the data or this version, damaged model folders (made by damaging copies of the
 * baseline run's model), settings out of range or of the wrong type, and results folders that
 * cannot be used. Each case says what the one error line must name.
 */
import { promises as fs } from 'fs';
import * as path from 'path';

import { FAST } from './cli';
import { BadCase, CorpusPaths } from './inputCorpus';
import { sensorCsv } from './sensorData';

const MODEL_JSON = 'post-model.json';
const WEIGHTS = 'weights.bin';

/** A copy of the baseline model under `name` in the corpus folder, changed by `damage`. */
function damagedModel(name: string, damage: (dir: string) => Promise<void>) {
  return async (paths: CorpusPaths): Promise<void> => {
    const dir = path.join(paths.dir, name);
    await fs.cp(paths.model, dir, { recursive: true });
    await damage(dir);
  };
}

async function editJson(dir: string, edit: (json: Record<string, unknown>) => void) {
  const file = path.join(dir, MODEL_JSON);
  const json = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>;
  edit(json);
  await fs.writeFile(file, JSON.stringify(json));
}

/** Scores the clean file with the model folder `name` of the corpus. */
const withModel = (name: string) => (paths: CorpusPaths) => [
  paths.good,
  '--model',
  path.join(paths.dir, name),
  '--backend',
  'cpu',
];

/** Trains on the clean file with one more `--set`. */
const withSetting = (...pairs: string[]) => (paths: CorpusPaths) => [
  paths.good,
  ...FAST,
  ...pairs.flatMap((pair) => ['--set', pair]),
];

export const MODEL_CASES: BadCase[] = [
  {
    title: 'a saved model whose channels the data lacks',
    files: { 'other-columns.csv': sensorCsv({ header: ['a', 'b', 'd'] }) },
    args: (p) => [path.join(p.dir, 'other-columns.csv'), '--model', p.model, '--backend', 'cpu'],
    expect: [/other-columns\.csv lacks 1 of the 3 channels that model was trained on: c/],
  },
  {
    title: 'a training file that lacks a channel of the file to score',
    files: { 'train-ab.csv': sensorCsv({ header: ['a', 'b', 'd'] }) },
    args: (p) => [p.good, '--train', path.join(p.dir, 'train-ab.csv'), ...FAST],
    expect: [/train-ab\.csv lacks 1 of the 3 channels of good\.csv, the file to score: c\./],
  },
  {
    title: 'a saved model of another engine version',
    prepare: damagedModel('model-v0', (dir) => editJson(dir, (j) => (j.engineVersion = '0.9'))),
    args: withModel('model-v0'),
    expect: [/model-v0 was saved by engine version 0\.9/, /Train the model again/],
  },
  {
    title: 'a saved model with a setting out of range',
    prepare: damagedModel('model-window', (dir) =>
      editJson(dir, (j) => ((j.config as Record<string, unknown>).window = 2)),
    ),
    args: withModel('model-window'),
    expect: [/model-window has settings this version cannot use: Setting 'window' is 2/],
  },
  {
    title: 'a model folder without its description file',
    prepare: damagedModel('model-no-json', (dir) => fs.rm(path.join(dir, MODEL_JSON))),
    args: withModel('model-no-json'),
    expect: [/model-no-json is not a saved model: post-model\.json is missing/],
  },
  {
    title: 'a model description that is not JSON',
    prepare: damagedModel('model-bad-json', (dir) =>
      fs.writeFile(path.join(dir, MODEL_JSON), '{"format": "post-model", '),
    ),
    args: withModel('model-bad-json'),
    expect: [/model-bad-json is damaged: post-model\.json is not valid JSON/],
  },
  {
    title: 'a model description of text over two lines (the message stays on one)',
    prepare: damagedModel('model-text', (dir) =>
      fs.writeFile(path.join(dir, MODEL_JSON), 'garbage\nmore\n'),
    ),
    args: withModel('model-text'),
    expect: [/model-text is damaged: post-model\.json is not valid JSON .*Train and save/],
  },
  {
    title: 'a model without its weights',
    prepare: damagedModel('model-no-weights', (dir) => fs.rm(path.join(dir, WEIGHTS))),
    args: withModel('model-no-weights'),
    expect: [/model-no-weights is damaged: weights\.bin is missing/],
  },
  {
    title: 'a model with truncated weights',
    prepare: damagedModel('model-short', async (dir) => {
      const file = path.join(dir, WEIGHTS);
      await fs.truncate(file, Math.floor((await fs.stat(file)).size / 2));
    }),
    args: withModel('model-short'),
    expect: [/model-short is damaged: weights\.bin has \d+ bytes instead of \d+/],
  },
  {
    title: 'a model whose weights fail their checksum',
    prepare: damagedModel('model-flipped', async (dir) => {
      const file = path.join(dir, WEIGHTS);
      const bytes = await fs.readFile(file);
      bytes[bytes.length >> 1] ^= 0xff;
      await fs.writeFile(file, bytes);
    }),
    args: withModel('model-flipped'),
    expect: [/model-flipped is damaged: weights\.bin fails its checksum/],
  },
  {
    title: 'a model folder that does not exist',
    args: withModel('no-such-model'),
    expect: [/model folder '.*no-such-model' does not exist/],
  },
  {
    title: 'a setting below its minimum, with its bounds',
    args: withSetting('window=2'),
    expect: [/Setting 'window' is "2"; it must be an integer from 4 to 1000/],
  },
  {
    title: 'a setting of the wrong type, with its bounds',
    args: withSetting('learningRate=fast'),
    expect: [/Setting 'learningRate' is "fast"; it must be a number from 1e-7 to 1\b/],
  },
  {
    title: 'a fractional value for an integer setting',
    args: withSetting('batchSize=2.5'),
    expect: [/Setting 'batchSize' is "2\.5"; it must be an integer from 2 to 4096/],
  },
  {
    title: 'a value outside a setting’s choices',
    args: withSetting('thresholdMethod=magic'),
    expect: [/Setting 'thresholdMethod' is "magic"; it must be one of 'quantile', 'pot'/],
  },
  {
    title: 'settings that do not fit together',
    args: withSetting('dModel=30', 'heads=4'),
    expect: [/'dModel' \(30\) must be divisible by 'heads' \(4\)/],
  },
  {
    title: 'a results folder that is a file',
    files: { 'not-a-folder': 'text\n' },
    args: (p) => [p.good, ...FAST, '--out', path.join(p.dir, 'not-a-folder')],
    expect: [/not-a-folder' is a file, not a results folder; choose another results folder/],
  },
  {
    title: 'a results folder whose parent does not exist',
    args: (p) => [p.good, ...FAST, '--out', path.join(p.dir, 'absent', 'results')],
    expect: [/The folder '.*absent' does not exist; create it or choose another results folder/],
  },
];
