/**
 * The k-NN start of the adjacency: hand-computed graphs, ties broken by index, constant
 * channels, and k larger than the number of other channels.
 */
import * as assert from 'assert';
import { knnGraph } from '../../../src/engine/model/knn-graph';

/** Row-major rows × C from columns. */
function fromColumns(columns: number[][]): Float32Array {
  const rows = columns[0].length;
  const out = new Float32Array(rows * columns.length);
  columns.forEach((column, c) => column.forEach((v, t) => (out[t * columns.length + c] = v)));
  return out;
}

describe('knnGraph', () => {
  it('links each channel to itself and its k nearest channels, not symmetrised', () => {
    // Distances: d(0,1) = 1, d(0,2) = 3, d(1,2) = 2, d(0,3) = 10, d(1,3) = 9, d(2,3) = 7.
    const values = fromColumns([[0], [1], [3], [10]]);
    const graph = knnGraph(values, 1, 4, 1);
    // Nearest: 0 -> 1, 1 -> 0, 2 -> 1, 3 -> 2.
    assert.deepStrictEqual(Array.from(graph), [
      1, 1, -1, -1,
      1, 1, -1, -1,
      -1, 1, 1, -1,
      -1, -1, 1, 1,
    ]);
  });

  it('breaks ties by the lower channel index, so constant channels get a fixed graph', () => {
    // Channels 1, 2 and 3 are constant (all zero once standardised): equally far from 0
    // and at distance 0 from each other.
    const values = fromColumns([[1, -1], [0, 0], [0, 0], [0, 0]]);
    const graph = knnGraph(values, 2, 4, 1);
    assert.deepStrictEqual(Array.from(graph), [
      1, 1, -1, -1, // 0: ties among 1, 2, 3 -> 1
      -1, 1, 1, -1, // 1: ties between 2 and 3 (distance 0) -> 2
      -1, 1, 1, -1, // 2: ties between 1 and 3 -> 1
      -1, 1, -1, 1, // 3: ties between 1 and 2 -> 1
    ]);
  });

  it('caps k at the number of other channels', () => {
    const graph = knnGraph(fromColumns([[0], [1], [2]]), 1, 3, 5);
    assert.deepStrictEqual(Array.from(graph), [1, 1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('uses the Euclidean distance of whole traces', () => {
    // Channel 0 = [0, 0]; 1 = [3, 0] (distance 3); 2 = [2, 2] (distance 2.83).
    const values = fromColumns([[0, 0], [3, 0], [2, 2]]);
    const graph = knnGraph(values, 2, 3, 1);
    assert.deepStrictEqual(Array.from(graph.slice(0, 3)), [1, -1, 1]);
  });
});
