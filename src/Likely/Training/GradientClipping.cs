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
                System.Numerics.Tensors.TensorPrimitives.Multiply(g, scale, g);
            }
        }

        return norm;
    }
}
