/**
 * `post-ad synth --out <dir>`: writes the built-in synthetic benchmark (training file, test
 * file with labels, channel labels, the list of injected anomalies, a README) into a folder.
 */
import * as path from 'path';

import { generateSynthetic, writeSynthetic } from '../engine/data/synthetic';

export interface SynthOptions {
  out: string;
  seed?: number;
  channels?: number;
  length?: number;
}

export async function synthCommand(options: SynthOptions): Promise<void> {
  const dir = path.resolve(options.out);
  const data = generateSynthetic({
    seed: options.seed,
    channels: options.channels,
    length: options.length,
  });
  const files = await writeSynthetic(dir, data);

  const lines = [
    `Wrote the synthetic benchmark (${data.test.channels.length} channels, ` +
      `${data.train.rows} training rows, ${data.test.rows} test rows, ` +
      `${data.anomalies.length} injected anomalies) to ${dir}:`,
    ...files.map((f) => `  ${path.relative(dir, path.resolve(dir, f)) || f}`),
    `Try: post-ad detect ${path.join(dir, 'test.csv')} --train ${path.join(dir, 'train.csv')} ` +
      `--channel-labels ${path.join(dir, 'channel_labels.csv')}`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
}
