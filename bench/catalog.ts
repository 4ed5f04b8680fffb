/**
 * The labelled data sets of the benchmark: where each train/test pair lies, how its labels are
 * written, and whether it may be used for tuning or is held out.
 *
 * Read by the plan (bench/plan.ts) and the child runs (bench/one.ts). Tuning is allowed on SMD
 * machine-2-1 and ASD omi-1 to omi-6 only; every other entity is reported as held out. The
 * label conventions follow the data sets' READMEs: SMD interpretation ranges end-exclusive,
 * ASD end-inclusive, channels 1-based in both.
 */
import * as path from 'path';

export type DatasetId = 'smd' | 'asd' | 'smap' | 'psm' | 'gdn-msl' | 'skab';

export type Role = 'tuning' | 'held-out';

/** One labelled train/test pair (a machine, a server, a file). */
export interface Entity {
  dataset: DatasetId;
  /** Name within the data set, e.g. 'machine-2-1', 'omi-3', 'valve1/4'. */
  name: string;
  /** The file scored. */
  test: string;
  /** A separate file of normal data; absent when the test file's first rows train. */
  train?: string;
  /** Without `train`: the share of the test file's first rows that trains. */
  trainFraction?: number;
  /** A file of 0/1 row labels, or the name of a label column of the test file. */
  labels: string;
  /** `start-end:ch,ch` interpretation lines, when the data set has them. */
  channelLabels?: string;
  segments?: { endInclusive: boolean; oneBased: boolean };
  role: Role;
}

export interface DatasetInfo {
  id: DatasetId;
  title: string;
  /** What the reader of the results must know before comparing figures. */
  caveat?: string;
  /** All files of the data set share one training file: train once, score each with it. */
  sharedTraining: boolean;
}

export const DATASETS: Record<DatasetId, DatasetInfo> = {
  smd: { id: 'smd', title: 'SMD machine-2-1', sharedTraining: false },
  asd: { id: 'asd', title: 'ASD omi-1 ... omi-12', sharedTraining: false },
  smap: {
    id: 'smap',
    title: 'TSB-AD-M SMAP E-9',
    caveat: 'one file: rows 1-2,075 train, the rest is scored; one anomaly segment',
    sharedTraining: false,
  },
  psm: {
    id: 'psm',
    title: 'PSM test prefix',
    caveat:
      'no clean training data: the first 20 % of the file trains although it holds labelled ' +
      'anomalies (the first at row 90); not comparable with published PSM figures',
    sharedTraining: false,
  },
  'gdn-msl': {
    id: 'gdn-msl',
    title: 'GDN MSL demo',
    caveat:
      '78 % of the test rows are labelled anomalous, so flagging everything scores well: a ' +
      'parsing fixture, not an accuracy claim',
    sharedTraining: false,
  },
  skab: {
    id: 'skab',
    title: 'SKAB (34 files)',
    caveat:
      'anomaly-free.csv trains one model per seed, which scores all 34 files (25-49 % of ' +
      'their rows anomalous); figures are means over the files',
    sharedTraining: true,
  },
};

/** SMD's interpretation lines: `end` exclusive, channels from 1. */
const SMD_SEGMENTS = { endInclusive: false, oneBased: true };
/** ASD's: `end` inclusive, channels from 1. */
const ASD_SEGMENTS = { endInclusive: true, oneBased: true };

const ASD_ENTITIES = 12;
const ASD_TUNING = 6;
/** TSB-AD's file name says rows 0..2074 train; the half row keeps floor() exact. */
const SMAP_ROWS = 8302;
const SMAP_TRAIN_ROWS = 2075;
const SKAB_FOLDERS: [folder: string, files: number[]][] = [
  ['valve1', range(0, 15)],
  ['valve2', range(0, 3)],
  ['other', range(1, 14)],
];

/** Every labelled entity under `root` (the shared datasets folder), tuning ones first. */
export function catalog(root: string): Entity[] {
  const at = (...parts: string[]): string => path.join(root, ...parts);
  const smd = at('smd-machine-2-1');
  const entities: Entity[] = [
    {
      dataset: 'smd',
      name: 'machine-2-1',
      train: path.join(smd, 'train.txt'),
      test: path.join(smd, 'test.txt'),
      labels: path.join(smd, 'test_label.txt'),
      channelLabels: path.join(smd, 'interpretation_label.txt'),
      segments: SMD_SEGMENTS,
      role: 'tuning',
    },
  ];

  for (const n of range(1, ASD_ENTITIES)) {
    const name = `omi-${n}`;
    entities.push({
      dataset: 'asd',
      name,
      train: at('asd', `${name}_train.txt`),
      test: at('asd', `${name}_test.txt`),
      labels: at('asd', `${name}_test_label.txt`),
      channelLabels: at('asd', `${name}_interpretation_label.txt`),
      segments: ASD_SEGMENTS,
      role: n <= ASD_TUNING ? 'tuning' : 'held-out',
    });
  }

  entities.push(
    {
      dataset: 'smap',
      name: 'E-9',
      test: at('tsb-ad-m-smap-e9', '107_SMAP_E-9_2075_5550.csv'),
      trainFraction: (SMAP_TRAIN_ROWS + 0.5) / SMAP_ROWS,
      labels: 'Label',
      role: 'held-out',
    },
    {
      dataset: 'psm',
      name: 'test-prefix',
      test: at('psm-test-prefix', 'test.csv'),
      trainFraction: 0.2,
      labels: at('psm-test-prefix', 'test_label.csv'),
      role: 'held-out',
    },
    {
      dataset: 'gdn-msl',
      name: 'demo',
      train: at('gdn-msl-demo', 'train.csv'),
      test: at('gdn-msl-demo', 'test.csv'),
      labels: 'attack',
      role: 'held-out',
    },
  );

  for (const [folder, files] of SKAB_FOLDERS) {
    for (const n of files) {
      entities.push({
        dataset: 'skab',
        name: `${folder}/${n}`,
        train: at('skab', 'anomaly-free', 'anomaly-free.csv'),
        test: at('skab', folder, `${n}.csv`),
        labels: 'anomaly',
        role: 'held-out',
      });
    }
  }
  return entities;
}

/** Integers from `first` to `last`, both included. */
function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}
