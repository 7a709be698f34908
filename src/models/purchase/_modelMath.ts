/**
 * Call shapes shared by the float64 math of the purchase models.
 */

/**
 * A prediction for a customer with frequency x, recency t_x and age T (in the model's time
 * unit) over a horizon t, at the model's parameters p: E[Y(t) | x, t_x, T] or its logarithm.
 */
export type HistoryPrediction = (
  p: ArrayLike<number>,
  x: number,
  tx: number,
  T: number,
  t: number,
) => number;

/**
 * The log-likelihood of prepared rows at parameters p, with its gradient in p written into
 * `out`.
 */
export type LogLikelihoodGradient<Rows> = (
  p: ArrayLike<number>,
  d: Rows,
  out: Float64Array,
) => number;
