/**
 * Turns the `postAnomaly.*` settings into the options of one run, checked: a model setting left
 * empty (null) means "use the preset's value"; a bad value is a ConfigError whose key is the
 * full setting name (`postAnomaly.window`) and whose message gives the bounds, so the
 * notification can offer "Open Settings" at that setting. Imports no `vscode`: it reads through
 * a getter, which the extension binds to the configuration of the data file's folder.
 */
import type { BackendPreference } from '../../engine/backend';
import {
  ConfigError,
  ConfigKey,
  describeBounds,
  isPresetName,
  makeConfig,
  parseValue,
  PostConfig,
  PresetName,
  PRESETS,
} from '../../engine/config';
import {
  BACKENDS,
  MODEL_SETTING_KEYS,
  SAME_FILE_RUN,
  SameFileRun,
  SETTINGS_PREFIX,
  TRAIN_FRACTION,
} from './settingsCatalog';

/** Reads one setting by its key without prefix; undefined or null when unset. */
export type SettingGetter = (key: string) => unknown;

export interface RunSettings {
  preset: PresetName;
  /** Model settings the user set (seed excluded), validated. */
  overrides: Partial<Record<ConfigKey, number | string>>;
  seed?: number;
  /** The preset with the overrides and seed applied, as the run will use it. */
  config: PostConfig;
  trainFraction: number;
  backend: BackendPreference;
  /** undefined: the engine looks for a label or time column by its usual names. */
  labelColumn?: string;
  timeColumn?: string;
  /** As written in the settings ('' = the default folder). */
  outputFolder: string;
  sameFileRun: SameFileRun;
}

export const settingName = (key: string): string => `${SETTINGS_PREFIX}.${key}`;

function settingError(key: string, value: unknown, bounds: string): ConfigError {
  return new ConfigError(
    settingName(key),
    `Setting '${settingName(key)}' is ${JSON.stringify(value)}; it must be ${bounds}. ` +
      'Change it in Settings (clear it to use the default).',
  );
}

function enumSetting<T extends string>(
  get: SettingGetter,
  key: string,
  values: readonly T[],
  fallback: T,
): T {
  const raw = get(key) ?? fallback;
  if (typeof raw === 'string' && (values as readonly string[]).includes(raw)) return raw as T;
  throw settingError(key, raw, `one of ${values.map((v) => `'${v}'`).join(', ')}`);
}

function textSetting(get: SettingGetter, key: string): string {
  const raw = get(key) ?? '';
  if (typeof raw !== 'string') throw settingError(key, raw, 'a text (or empty)');
  return raw.trim();
}

function modelSetting(key: ConfigKey, raw: unknown): number | string {
  try {
    return parseValue(key, raw);
  } catch (error) {
    if (error instanceof ConfigError) throw settingError(key, raw, describeBounds(key));
    throw error;
  }
}

/** Reports a relation between settings (e.g. dModel and heads) by its full setting names. */
function renameKeys(error: ConfigError): ConfigError {
  let message = error.message;
  for (const key of MODEL_SETTING_KEYS) {
    message = message.split(`'${key}'`).join(`'${settingName(key)}'`);
  }
  return new ConfigError(settingName(error.key), message);
}

/** Reads and checks every setting a run uses; throws ConfigError naming the first bad one. */
export function readRunSettings(get: SettingGetter): RunSettings {
  const preset = enumSetting(get, 'preset', Object.keys(PRESETS), 'default');
  if (!isPresetName(preset)) throw settingError('preset', preset, 'a known preset');

  const overrides: Partial<Record<ConfigKey, number | string>> = {};
  let seed: number | undefined;
  for (const key of MODEL_SETTING_KEYS) {
    const raw = get(key);
    if (raw === null || raw === undefined || raw === '') continue;
    const value = modelSetting(key, raw);
    if (key === 'seed') seed = value as number;
    else overrides[key] = value;
  }

  let config: PostConfig;
  try {
    config = makeConfig(preset, seed === undefined ? overrides : { ...overrides, seed });
  } catch (error) {
    throw error instanceof ConfigError ? renameKeys(error) : error;
  }

  const fraction = get('trainFraction') ?? TRAIN_FRACTION.default;
  const { minimum, maximum } = TRAIN_FRACTION;
  if (typeof fraction !== 'number' || !(fraction >= minimum && fraction <= maximum)) {
    throw settingError('trainFraction', fraction, `a number from ${minimum} to ${maximum}`);
  }

  const labelColumn = textSetting(get, 'labelColumn');
  const timeColumn = textSetting(get, 'timeColumn');
  return {
    preset,
    overrides,
    seed,
    config,
    trainFraction: fraction,
    backend: enumSetting(get, 'backend', BACKENDS, 'auto'),
    labelColumn: labelColumn || undefined,
    timeColumn: timeColumn || undefined,
    outputFolder: textSetting(get, 'outputFolder'),
    sameFileRun: enumSetting(get, 'sameFileRun', SAME_FILE_RUN, 'ask'),
  };
}
