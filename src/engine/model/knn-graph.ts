/**
 * The k-nearest-neighbour start of the adjacency logits g.
 *
 * Ported from the method's section 1.5 (POST reference, utils/knn_graph_builder.py); called
 * once per training by the detector, on the standardised training values. Each channel's
 * feature is its whole standardised trace; g[i, j] = +1 for j = i and for the k channels
 * nearest to i (Euclidean), -1 elsewhere. Not symmetrised (i may pick j without j picking i).
 *
 * Ties are broken by the lower channel index. The reference uses numpy's argsort, whose
 * default quicksort is not stable, so among equally distant channels (identical channels,
 * or the all-zero traces of channels constant in training) its choice is arbitrary and can
 * differ between runs and machines; a fixed rule makes the graph, and so the model,
 * reproducible from the seed. Distances are summed in float64 so equal traces tie exactly.
 */

/** g's start, row-major C × C, from row-major standardised values (rows × C). */
export function knnGraph(
  values: Float32Array,
  rows: number,
  channels: number,
  neighbours: number,
): Float32Array {
  const C = channels;
  const k = Math.min(neighbours, C - 1);
  const distance = channelDistances(values, rows, C);
  const graph = new Float32Array(C * C).fill(-1);

  for (let i = 0; i < C; i++) {
    const others: number[] = [];
    for (let j = 0; j < C; j++) if (j !== i) others.push(j);
    others.sort((a, b) => distance[i * C + a] - distance[i * C + b] || a - b);

    graph[i * C + i] = 1;
    for (let n = 0; n < k; n++) graph[i * C + others[n]] = 1;
  }
  return graph;
}

/** Squared Euclidean distances between channel traces, C × C, in float64. */
function channelDistances(values: Float32Array, rows: number, C: number): Float64Array {
  const distance = new Float64Array(C * C);
  for (let t = 0; t < rows; t++) {
    const base = t * C;
    for (let i = 0; i < C; i++) {
      const xi = values[base + i];
      for (let j = i + 1; j < C; j++) {
        const d = xi - values[base + j];
        distance[i * C + j] += d * d;
      }
    }
  }
  for (let i = 0; i < C; i++) {
    for (let j = i + 1; j < C; j++) distance[j * C + i] = distance[i * C + j];
  }
  return distance;
}
