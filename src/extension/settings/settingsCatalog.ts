/**
 * The extension's settings (prefix `postAnomaly.`) as one table: which keys exist, in which
 * order, and the JSON schema each one has in package.json's `contributes.configuration`. The
 * model hyperparameters take their bounds and descriptions from PARAMETERS in
 * src/engine/config.ts; a unit test checks that package.json says the same. Imports no
 * `vscode`; read by the settings mapping (runSettings.ts) and the tests.
 */
import { ConfigKey, PARAMETERS, PRESETS } from '../../engine/config';

export const SETTINGS_PREFIX = 'postAnomaly';

/** Model hyperparameters offered as settings, in the order the Settings editor lists them. */
export const MODEL_SETTING_KEYS = [
  'window',
  'dModel',
  'heads',
  'layers',
  'dFF',
  'epochs',
  'batchSize',
  'trainStride',
  'learningRate',
  'graphLearningRate',
  'graphMomentum',
  'graphEvery',
  'graphStartEpoch',
  'k',
  'k1',
  'k2',
  'k3',
  'neighbours',
  'tripletWeight',
  'tripletMargin',
  'anomalyRatio',
  'thresholdMethod',
  'potRisk',
  'potLevel',
  'temperature',
  'spatialTemperature',
  'scoring',
  'seed',
] as const satisfies readonly ConfigKey[];
export type ModelSettingKey = (typeof MODEL_SETTING_KEYS)[number];

export const BACKENDS = ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;
export const SAME_FILE_RUN = ['ask', 'replace', 'wait'] as const;
export type SameFileRun = (typeof SAME_FILE_RUN)[number];
export const TRAIN_FRACTION = { minimum: 0.05, maximum: 0.95, default: 0.5 };

/** Settings that VS Code ignores from an untrusted workspace (they choose paths and code). */
export const RESTRICTED_SETTINGS = ['outputFolder', 'backend', 'labelColumn', 'timeColumn'];

type Schema = Record<string, unknown>;

export interface ConfigurationGroup {
  title: string;
  properties: Record<string, Schema>;
}

function presetValues(key: ConfigKey): string {
  const shown = (Object.keys(PRESETS) as (keyof typeof PRESETS)[]).map(
    (name) => `${name} ${String(PRESETS[name][key])}`,
  );
  return shown.join(', ');
}

function modelSchema(key: ModelSettingKey): Schema {
  const spec = PARAMETERS[key];
  const unset = `Empty (\`null\`) uses the preset's value (${presetValues(key)}).`;
  const markdownDescription = `${spec.description} ${unset}`;
  if (spec.kind === 'enum') {
    const choices = [...spec.values, null];
    return { type: ['string', 'null'], enum: choices, default: null, markdownDescription };
  }
  return {
    type: [spec.kind, 'null'],
    default: null,
    minimum: spec.minimum,
    maximum: spec.maximum,
    markdownDescription,
  };
}

const OTHER_SCHEMAS: Record<string, Schema> = {
  trainFraction: {
    type: 'number',
    default: TRAIN_FRACTION.default,
    minimum: TRAIN_FRACTION.minimum,
    maximum: TRAIN_FRACTION.maximum,
    markdownDescription:
      'Without a training file, the first fraction of the file trains the model (it should be ' +
      'normal data); every row is scored.',
  },
  backend: {
    type: 'string',
    enum: [...BACKENDS],
    enumDescriptions: [
      'The fastest that loads: TensorFlow GPU, TensorFlow native, WebAssembly, then plain ' +
        'JavaScript.',
      'TensorFlow with CUDA (needs @tensorflow/tfjs-node-gpu and a GPU).',
      'TensorFlow native CPU (needs @tensorflow/tfjs-node).',
      'WebAssembly (SIMD, threads where available).',
      'Plain JavaScript: slowest, always available.',
    ],
    default: 'auto',
    markdownDescription: 'TensorFlow.js backend that trains and scores.',
  },
  labelColumn: {
    type: 'string',
    default: '',
    markdownDescription:
      'Column holding 0/1 labels (used for evaluation only, never as a feature). Empty: a ' +
      'column named like `label`, `anomaly` or `attack` is used when there is one.',
  },
  timeColumn: {
    type: 'string',
    default: '',
    markdownDescription:
      'Column holding time stamps. Empty: found automatically when there is one.',
  },
  outputFolder: {
    type: 'string',
    default: '',
    markdownDescription:
      'Folder for results; each data file gets its own subfolder. Empty: `post-results` in the ' +
      "workspace folder. A relative path is taken from the file's workspace folder. The data " +
      'file itself is never modified.',
  },
  sameFileRun: {
    type: 'string',
    enum: [...SAME_FILE_RUN],
    enumDescriptions: [
      'Ask whether to replace the running run or wait for it.',
      'Cancel the running run on that file and start the new one.',
      'Start the new run when the running one has finished.',
    ],
    default: 'ask',
    markdownDescription: 'What to do when a run is started on a file that is already running.',
  },
};

function presetSchema(): Schema {
  return {
    type: 'string',
    enum: Object.keys(PRESETS),
    enumDescriptions: [
      'Sized for a CPU: trains a file of tens of thousands of rows in minutes.',
      "The method's reference sizes (window 100, width 512, 3 layers): needs a GPU.",
      'A very small model for trying things out: seconds.',
    ],
    default: 'default',
    markdownDescription:
      'Model sizes and training settings to start from; the settings below override single values.',
  };
}

/** Every setting key (without prefix) in display order. */
export const SETTING_KEYS: readonly string[] = [
  'preset',
  ...MODEL_SETTING_KEYS,
  ...Object.keys(OTHER_SCHEMAS),
];

/** The groups of the Settings editor, each a titled block of keys. */
const GROUPS: { title: string; keys: readonly string[] }[] = [
  { title: 'Model', keys: ['preset', ...MODEL_SETTING_KEYS] },
  { title: 'Data and run', keys: ['trainFraction', 'backend', 'labelColumn', 'timeColumn'] },
  { title: 'Results', keys: ['outputFolder', 'sameFileRun'] },
];

function schemaOf(key: string): Schema {
  if (key === 'preset') return presetSchema();
  if ((MODEL_SETTING_KEYS as readonly string[]).includes(key)) {
    return modelSchema(key as ModelSettingKey);
  }
  return OTHER_SCHEMAS[key];
}

/** Every `postAnomaly.*` property package.json must declare, with its `order`. */
export function configurationProperties(): Record<string, Schema> {
  const properties: Record<string, Schema> = {};
  SETTING_KEYS.forEach((key, order) => {
    // 'resource': a workspace folder's settings override the user's, read per data file.
    properties[`${SETTINGS_PREFIX}.${key}`] = { ...schemaOf(key), scope: 'resource', order };
  });
  return properties;
}

/** The `contributes.configuration` array of package.json. */
export function configurationContribution(): ConfigurationGroup[] {
  const all = configurationProperties();
  return GROUPS.map(({ title, keys }) => {
    const names = keys.map((key) => `${SETTINGS_PREFIX}.${key}`);
    const properties = Object.fromEntries(names.map((name) => [name, all[name]]));
    return { title: `POST: ${title}`, properties };
  });
}
