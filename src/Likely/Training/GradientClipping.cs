using System.Numerics.Tensors;
using Likely.Numerics;

namespace Likely.Training;

/// <summary>Global gradient-norm clipping: if ‖g‖₂ over all tensors exceeds c, every gradient is scaled by c/‖g‖₂.</summary>
internal static class GradientClipping
{
    /// <summary>Clips in place and returns the norm before clipping (<see cref="GlobalNorm"/>).</summary>
    public static double ClipByGlobalNorm(float[][] gradients, double maxNorm)
    {
        double norm = GlobalNorm(gradients);
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
    /// ‖g‖₂ over all tensors, for the divergence check when clipping is off: Σg² per tensor in double
    /// (<see cref="MinibatchKernels.SumOfSquares(ReadOnlySpan{float})"/>), +∞ or NaN exactly when a gradient is not finite.
    /// </summary>
    public static double GlobalNorm(float[][] gradients)
    {
        double sum = 0;
        foreach (float[] g in gradients) sum += MinibatchKernels.SumOfSquares(g);
        return Math.Sqrt(sum);
    }
}
