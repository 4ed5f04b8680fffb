/**
 * Loads what the panel shows for a results folder: the folder itself (readResults) and the
 * scored file's values for the channels plot, matched to the results' channels by name. A
 * data file that has moved or changed since the run leaves the channels plot empty with a
 * note; every other plot still works. Called by the results panel.
 */
import * as path from 'path';
import { readSeries } from '../../engine/data/readSeries';
import { isPostError } from '../../engine/errors';
import { readResults, Results } from '../../engine/io/resultFiles';
import { ChannelValues, LoadedResults, prepareResults } from './viewModel';

/** The label column the run used, when it was a column and not a separate file. */
function labelColumnOf(results: Results): string | undefined {
  const source = results.summary.labels?.rows;
  if (!source || /[\\/]/.test(source) || source === 'labels') return undefined;
  return source;
}

async function readChannelValues(results: Results): Promise<ChannelValues> {
  const { summary } = results;
  const series = await readSeries(summary.input.path, {
    labelColumn: labelColumnOf(results),
    timeColumn: summary.input.timeColumn,
  });
  if (series.rows !== summary.input.rows) {
    throw new Error(
      `the file has ${series.rows} rows now and had ${summary.input.rows} when it was scored; ` +
        'run the detection again',
    );
  }
  const columnOf = summary.channels.map((name) => series.channels.indexOf(name));
  return { values: series.values, rows: series.rows, width: series.channels.length, columnOf };
}

/**
 * Limitation: the data file is parsed again on the extension host (asynchronously, in
 * chunks), which takes seconds for files of hundreds of thousands of rows; a file larger than
 * memory allows cannot be shown.
 */
export async function loadResults(dir: string): Promise<LoadedResults> {
  const results = await readResults(dir);
  try {
    const data = await readChannelValues(results);
    const missing = results.summary.channels.filter((_, c) => data.columnOf[c] < 0);
    const note = missing.length ? `Not in the file any more: ${missing.join(', ')}.` : undefined;
    return prepareResults(results, data, note);
  } catch (error) {
    const why = isPostError(error) || error instanceof Error ? error.message : String(error);
    const name = path.basename(results.summary.input.path);
    const note = `The channels of ${name} cannot be shown: ${why}`;
    return prepareResults(results, undefined, note);
  }
}
