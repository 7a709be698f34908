/**
 * The call shape shared by the float64 predictions of the purchase models for one customer.
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
