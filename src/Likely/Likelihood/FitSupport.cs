namespace Likely.Likelihood;

/// <summary>
/// Assembles fit results for the generic estimator and the families: standard errors from an observed-information
/// matrix over the free parameters, and ln L of a fitted model.
/// </summary>
internal static class FitSupport
{
    /// <summary>
    /// Builds the parameter list: estimates for all, and for the free ones √[(I⁻¹)ⱼⱼ] from <paramref name="information"/>
    /// (the k×k observed information over the free parameters, row-major, in order).
    /// </summary>
    public static FittedParameter[] Parameters(IReadOnlyList<string> names, ReadOnlySpan<double> estimates, ReadOnlySpan<bool> isFixed, double[] information)
    {
        int k = 0;
        foreach (bool f in isFixed)
        {
            k += f ? 0 : 1;
        }

        double[] variances = k == 0 ? [] : InverseDiagonal(information, k);
        var result = new FittedParameter[names.Count];
        for (int j = 0, free = 0; j < names.Count; j++)
        {
            result[j] = isFixed[j]
                ? new FittedParameter(names[j], estimates[j], null, true)
                : new FittedParameter(names[j], estimates[j], Math.Sqrt(variances[free++]), false);
        }

        return result;
    }

    /// <summary>The diagonal of A⁻¹ for a symmetric positive-definite k×k matrix A (Cholesky).</summary>
    /// <exception cref="InvalidOperationException">A is not positive definite (θ̂ is not a strict local maximum).</exception>
    public static double[] InverseDiagonal(double[] matrix, int k)
    {
        // A = L Lᵀ; then (A⁻¹)ⱼⱼ = Σᵢ (L⁻¹)ᵢⱼ².
        var l = new double[k * k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = matrix[i * k + j];
                for (int m = 0; m < j; m++)
                {
                    sum -= l[i * k + m] * l[j * k + m];
                }

                if (i == j)
                {
                    if (!(sum > 0) || !double.IsFinite(sum))
                    {
                        throw new InvalidOperationException("The observed Fisher information is not positive definite at the estimate, so standard errors do not exist; the likelihood may be flat or the estimate on the boundary of the parameter space.");
                    }

                    l[i * k + i] = Math.Sqrt(sum);
                }
                else
                {
                    l[i * k + j] = sum / l[j * k + j];
                }
            }
        }

        var inverseL = new double[k * k];
        for (int c = 0; c < k; c++)
        {
            // Solve L·y = e_c by forward substitution; y is column c of L⁻¹.
            for (int i = 0; i < k; i++)
            {
                double sum = i == c ? 1 : 0;
                for (int m = 0; m < i; m++)
                {
                    sum -= l[i * k + m] * inverseL[m * k + c];
                }

                inverseL[i * k + c] = sum / l[i * k + i];
            }
        }

        var diagonal = new double[k];
        for (int j = 0; j < k; j++)
        {
            double sum = 0;
            for (int i = 0; i < k; i++)
            {
                sum += inverseL[i * k + j] * inverseL[i * k + j];
            }

            diagonal[j] = sum;
        }

        return diagonal;
    }

    /// <summary>The log-likelihood Σᵢ ln p(xᵢ) of a sample under <paramref name="distribution"/>, summed in double.</summary>
    public static double LogLikelihood(IUnivariateDistribution distribution, ReadOnlySpan<double> sample)
    {
        double sum = 0;
        foreach (double x in sample)
        {
            sum += distribution.LogDensity(x);
        }

        return sum;
    }

    /// <summary>Restricts a full information matrix (n×n) to the free parameters.</summary>
    public static double[] FreeBlock(double[] full, int n, ReadOnlySpan<bool> isFixed)
    {
        var free = new List<int>();
        for (int j = 0; j < n; j++)
        {
            if (!isFixed[j])
            {
                free.Add(j);
            }
        }

        var block = new double[free.Count * free.Count];
        for (int a = 0; a < free.Count; a++)
        {
            for (int b = 0; b < free.Count; b++)
            {
                block[a * free.Count + b] = full[free[a] * n + free[b]];
            }
        }

        return block;
    }
}
