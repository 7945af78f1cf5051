using System.Numerics.Tensors;

namespace Likely.Training;

/// <summary>Global gradient-norm clipping: if ‖g‖₂ over all tensors exceeds c, every gradient is scaled by c/‖g‖₂.</summary>
internal static class GradientClipping
{
    /// <summary>Clips in place and returns the norm before clipping (summed in double, in a fixed order).</summary>
    public static double ClipByGlobalNorm(float[][] gradients, double maxNorm)
    {
        double sum = 0;
        foreach (float[] g in gradients)
        {
            foreach (float x in g) sum += (double)x * x;
        }

        double norm = Math.Sqrt(sum);
        if (maxNorm > 0 && norm > maxNorm)
        {
            float scale = (float)(maxNorm / (norm + 1e-6));
            foreach (float[] g in gradients)
            {
                TensorPrimitives.Multiply(g, scale, g);
            }
        }

        return norm;
    }

    /// <summary>
    /// ‖g‖₂ over all tensors, for the divergence check when clipping is off: a vectorized float Σg² per tensor, redone
    /// in double only when the float sum overflows, so the result is +∞ or NaN exactly when a gradient is not finite.
    /// </summary>
    // Runs every minibatch: compiled fully optimized at once (see docs/ARCHITECTURE.md, "Tiered compilation").
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static double GlobalNorm(float[][] gradients)
    {
        double sum = 0;
        foreach (float[] g in gradients)
        {
            float squares = TensorPrimitives.SumOfSquares(g);
            if (float.IsFinite(squares))
            {
                sum += squares;
                continue;
            }

            foreach (float x in g) sum += (double)x * x;
        }

        return Math.Sqrt(sum);
    }
}
