/**
 * Estimate of the memory one training step needs, and the batch size that fits a budget.
 *
 * Called by the detector before training (to shrink the batch when the estimate exceeds the
 * budget) and by the benchmark that compares the estimate with measurement. The count is of
 * float32 tensors alive at the peak of a step, the backward pass included:
 * - parameters with their gradient and Adam's two moments (4 copies);
 * - per layer, the [B, H, L, L] attention tensors: scores, S, the prior's logits and P̂, the
 *   discrepancy's logarithms and ratios, and as many again for their gradients;
 * - per layer, the [B, L, D] and [B, L, dFF] activations kept for the backward pass, the
 *   O(C²) graph tensors per window ([B, C, C]: P_s, E, the mask and their gradients) and the
 *   [B, C, L] node features;
 * - the input, reconstruction and residual windows [B, L, C].
 * test/unit/train/memory.test.ts checks that the estimate stays above the measured peak and
 * within twice of it.
 */
import { PostConfig } from '../config';

/**
 * Float32 tensors of each shape alive at the peak of one step, forward + backward, fitted on
 * tf.profile peaks of the cpu backend (sizes varied one at a time around window 32, width 32,
 * 2 heads, batch 8, 8 channels): the tape keeps every intermediate of the forward pass, its
 * saved copies and the gradients. Rounded up, so that the estimate stays above the peak.
 */
const ATTENTION_COPIES = 32; // [B, H, L, L] per layer
const HIDDEN_COPIES = 200; // [B, L, D] per layer (projections, norms, reshapes, their grads)
const FEED_FORWARD_COPIES = 26; // [B, L, dFF] per layer
const GRAPH_COPIES = 32; // [B, C, C] per layer
const NODE_COPIES = 40; // [B, C, L] per layer
const WINDOW_COPIES = 32; // [B, L, C] per window (input, taps, reconstruction, residual)
const PARAMETER_COPIES = 10; // value, gradient, two Adam moments and the update's temporaries
const BYTES = 4;

/** Number of scalar parameters of the model (section 1.7 of the method, without the unused
 *  LayerNorm of the reference's attention). */
export function parameterCount(config: PostConfig, channels: number): number {
  const { dModel: D, heads: H, dFF: F, window: L, layers } = config;
  const C = channels;
  const temporal = 4 * (D * D + D) + (D * H + H) + 1;
  const feedForward = D * F + F + F * D + D + 4 * D;
  const spatial = 2 * D * C + 3 * L + 1 + C * C;
  return 3 * C * D + layers * (temporal + feedForward + spatial) + 2 * D + D * C + C;
}

/** Bytes one training step needs, for the configured batch size. */
export function estimateTrainingBytes(config: PostConfig, channels: number): number {
  return fixedBytes(config, channels) + perWindowBytes(config, channels) * config.batchSize;
}

/** The largest batch (at least 1, at most the configured one) whose estimate fits `budget`. */
export function batchSizeWithin(config: PostConfig, channels: number, budget: number): number {
  const room = budget - fixedBytes(config, channels);
  const fits = Math.floor(room / perWindowBytes(config, channels));
  return Math.max(1, Math.min(config.batchSize, fits));
}

function fixedBytes(config: PostConfig, channels: number): number {
  return PARAMETER_COPIES * parameterCount(config, channels) * BYTES;
}

function perWindowBytes(config: PostConfig, channels: number): number {
  const { dModel: D, heads: H, dFF: F, window: L, layers } = config;
  const C = channels;
  const perLayer =
    ATTENTION_COPIES * H * L * L +
    HIDDEN_COPIES * L * D +
    FEED_FORWARD_COPIES * L * F +
    GRAPH_COPIES * C * C +
    NODE_COPIES * C * L;
  return (layers * perLayer + WINDOW_COPIES * L * C) * BYTES;
}
