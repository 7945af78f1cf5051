using System.Runtime.Intrinsics;

namespace Likely.Training;

/// <summary>
/// Adam (PyTorch's <c>torch.optim.Adam</c>): m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², w ← w − (η/c₁)·m / (√v/√c₂ + ε)
/// with c_k = 1 − β_k^t; weight decay λ is L2 (g ← g + λ·w). AdamW (decoupled, Loshchilov–Hutter) instead shrinks
/// w ← w·(1 − η·λ) before the step.
/// </summary>
internal sealed class AdamOptimizer : Optimizer
{
    private readonly float beta1, beta2, epsilon;
    private readonly double beta1Double, beta2Double;
    private readonly bool decoupled;
    private readonly float[][] first, second;

    public AdamOptimizer(ClassifierOptions options, float[][] parameters, float[][] gradients, bool[] decay, bool decoupled)
        : base(parameters, gradients, decay, options.WeightDecay)
    {
        (beta1Double, beta2Double) = (options.Beta1, options.Beta2);
        (beta1, beta2, epsilon) = ((float)options.Beta1, (float)options.Beta2, (float)options.Epsilon);
        this.decoupled = decoupled;
        first = parameters.Select(p => new float[p.Length]).ToArray();
        second = parameters.Select(p => new float[p.Length]).ToArray();
    }

    public override IReadOnlyDictionary<string, float[][]> Moments => new Dictionary<string, float[][]> { ["first"] = first, ["second"] = second };

    // Runs every minibatch: compiled fully optimized at once (see docs/ARCHITECTURE.md, "Tiered compilation").
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    protected override void Update(int t, double learningRate, float lambda)
    {
        float[] w = Parameters[t], g = Gradients[t], m = first[t], v = second[t];
        double correction1 = 1 - Math.Pow(beta1Double, StepCount);
        double correction2 = 1 - Math.Pow(beta2Double, StepCount);
        // PyTorch's form: w ← w − (η/c₁)·m / (√v/√c₂ + ε).
        float stepSize = (float)(learningRate / correction1);
        float inverseSqrtCorrection2 = (float)(1 / Math.Sqrt(correction2));
        float shrink = decoupled ? (float)(1 - learningRate * lambda) : 1f;
        float coupled = decoupled ? 0f : lambda;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vb1 = Vector256.Create(beta1);
            var vb1c = Vector256.Create(1 - beta1);
            var vb2 = Vector256.Create(beta2);
            var vb2c = Vector256.Create(1 - beta2);
            var vStep = Vector256.Create(stepSize);
            var vInv = Vector256.Create(inverseSqrtCorrection2);
            var vEps = Vector256.Create(epsilon);
            var vShrink = Vector256.Create(shrink);
            var vCoupled = Vector256.Create(coupled);
            for (; i <= w.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var wi = Vector256.Create(w.AsSpan(i, 8));
                var gi = Vector256.Create(g.AsSpan(i, 8)) + vCoupled * wi;
                var mi = vb1 * Vector256.Create(m.AsSpan(i, 8)) + vb1c * gi;
                var vi = vb2 * Vector256.Create(v.AsSpan(i, 8)) + vb2c * (gi * gi);
                wi = wi * vShrink - vStep * mi / (Vector256.Sqrt(vi) * vInv + vEps);
                mi.CopyTo(m.AsSpan(i, 8));
                vi.CopyTo(v.AsSpan(i, 8));
                wi.CopyTo(w.AsSpan(i, 8));
            }
        }

        for (; i < w.Length; i++)
        {
            float wi = w[i];
            float gi = g[i] + coupled * wi;
            float mi = beta1 * m[i] + (1 - beta1) * gi;
            float vi = beta2 * v[i] + (1 - beta2) * (gi * gi);
            m[i] = mi;
            v[i] = vi;
            w[i] = wi * shrink - stepSize * mi / (MathF.Sqrt(vi) * inverseSqrtCorrection2 + epsilon);
        }
    }
}
