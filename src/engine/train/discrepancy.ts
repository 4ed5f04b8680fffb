/**
 * Association discrepancies: the symmetric KL between an observation association and its
 * prior, per row (for scores) and as a minimax training term (for the losses).
 *
 * From the method's section 2 (POST reference, solver.py, my_kl_loss): every KL adds 1e-4
 * inside both logarithms, kl(p, q) = Σ_j p·(log(p+ε) − log(q+ε)). Called by the Adam-phase
 * and graph-phase losses and by the scorers.
 *
 * The reference's four KL terms per branch collapse into one symmetric KL with two gradient
 * weights. Its temporal terms, for example, are
 *   −k·[kl(S, sg P̂) + kl(sg P̂, S)] + k·[kl(P̂, sg S) + kl(sg S, P̂)]:
 * both brackets equal sym(S, P̂) = Σ (S − P̂)(log(S+ε) − log(P̂+ε)), the first sends
 * gradient to S only, the second to P̂ only. So the training term is sym(S, P̂) with
 * gradient −k·∂sym/∂S to S and +k·∂sym/∂P̂ to P̂. One fused op instead of four
 * autodiff KLs saves most of the passes over the [B, H, L, L] tensors, which set the
 * training speed on a CPU.
 */
import * as tf from '@tensorflow/tfjs-core';

export const KL_EPSILON = 1e-4;

/** Per-row KL(p‖q) with the additive epsilon: sums the last axis. */
export function klRows(p: tf.Tensor, q: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const logRatio = tf.sub(tf.log(tf.add(p, KL_EPSILON)), tf.log(tf.add(q, KL_EPSILON)));
    return tf.sum(tf.mul(p, logRatio), -1);
  });
}

/** Per-row kl(p, q) + kl(q, p): sums the last axis. */
export function symmetricKlRows(p: tf.Tensor, q: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const logRatio = tf.sub(tf.log(tf.add(p, KL_EPSILON)), tf.log(tf.add(q, KL_EPSILON)));
    return tf.sum(tf.mul(tf.sub(p, q), logRatio), -1);
  });
}

/** How much of the discrepancy's gradient each side receives (0 = stop-gradient). */
export interface DiscrepancyWeights {
  observation: number;
  prior: number;
}

/**
 * Mean over rows (every axis but the last) of sym(observation, prior). The value is the plain
 * mean discrepancy, so it can be reported as a loss term as it is; the gradient is
 * `weights.observation`·∂/∂observation and `weights.prior`·∂/∂prior, so the caller's
 * total loss (a surrogate whose value differs from the reference's loss but whose gradient
 * is the same) needs no stop-gradient of its own.
 *
 * For the temporal branch the reference takes the mean over heads, then over batch and
 * positions: the same as the mean over all B·H·L rows. For the spatial branch it is the mean
 * over B·C rows.
 */
export function associationDiscrepancy(
  observation: tf.Tensor,
  prior: tf.Tensor,
  weights: DiscrepancyWeights,
): tf.Scalar {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [obs, pri, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    const rows = obs.size / obs.shape[obs.rank - 1];
    const logObs = tf.log(tf.add(obs, KL_EPSILON));
    const logPri = tf.log(tf.add(pri, KL_EPSILON));
    const difference = tf.sub(obs, pri);
    const logRatio = tf.sub(logObs, logPri);
    const value = tf.div(tf.sum(tf.mul(difference, logRatio)), rows) as tf.Scalar;
    save([obs, pri, difference, logRatio]);

    // ∂sym/∂p = logRatio + (p − q)/(p + ε);
    // ∂sym/∂q = −logRatio − (p − q)/(q + ε).
    const gradFunc = (dy: tf.Scalar, saved: tf.Tensor[]): tf.Tensor[] => {
      const [o, p, diff, ratio] = saved;
      const side = (weight: number, own: tf.Tensor, sign: number): tf.Tensor => {
        if (weight === 0) return tf.zerosLike(own);
        const slope = tf.add(ratio, tf.div(diff, tf.add(own, KL_EPSILON)));
        return tf.mul(slope, tf.mul(dy, (sign * weight) / rows));
      };
      return [side(weights.observation, o, 1), side(weights.prior, p, -1)];
    };
    return { value, gradFunc };
  });
  return op(observation, prior) as tf.Scalar;
}
