namespace Likely.Information;

/// <summary>
/// Binary entropy H(p) = −p log p − (1 − p) log(1 − p): the entropy of a Bernoulli(p) variable, i.e. of a coin that
/// lands heads with probability p.
/// </summary>
/// <remarks>
/// H(0) = H(1) = 0 (0 log 0 = 0), H(½) = log 2 = 1 bit, the maximum; the curve is symmetric about ½.
/// The second term uses log1p so H stays accurate to full relative precision for p near 0.
/// </remarks>
public static class BinaryEntropy
{
    /// <summary>H(p) = −p log p − (1 − p) log(1 − p), with 0 log 0 = 0.</summary>
    /// <param name="p">The probability of one outcome, in [0, 1].</param>
    /// <param name="logBase">The unit: nats (default), bits, hartleys or any base.</param>
    /// <returns>H(p) in the chosen unit, in [0, log 2].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is NaN or outside [0, 1].</exception>
    public static double Compute(double p, LogBase logBase = default)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, $"A probability must be in [0, 1], but p is {ProbabilityVector.Format(p)}.");
        }

        double fromP = p > 0 ? -p * Math.Log(p) : 0;
        double fromComplement = p < 1 ? -(1 - p) * LogOnePlus(-p) : 0;
        return logBase.FromNats(fromP + fromComplement);
    }

    /// <summary>log(1 + x), accurate when |x| is tiny (Goldberg's trick: the rounding of 1 + x cancels in the ratio).</summary>
    private static double LogOnePlus(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }
}
