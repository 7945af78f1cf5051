using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Likely.Numerics;

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

    public AdamOptimizer(ClassifierOptions options, float[][] parameters, float[][] gradients, bool[] decay, bool decoupled, VectorPath path)
        : base(parameters, gradients, decay, options.WeightDecay, path)
    {
        (beta1Double, beta2Double) = (options.Beta1, options.Beta2);
        (beta1, beta2, epsilon) = ((float)options.Beta1, (float)options.Beta2, (float)options.Epsilon);
        this.decoupled = decoupled;
        first = parameters.Select(p => new float[p.Length]).ToArray();
        second = parameters.Select(p => new float[p.Length]).ToArray();
    }

    public override IReadOnlyDictionary<string, float[][]> Moments => new Dictionary<string, float[][]> { ["first"] = first, ["second"] = second };

    /// <summary>The constants of one step: β₁, 1 − β₁, β₂, 1 − β₂, η/c₁, 1/√c₂, ε, the decoupled shrink 1 − η·λ and the coupled λ.</summary>
    private readonly record struct Coefficients(
        float Beta1, float Beta1Complement, float Beta2, float Beta2Complement, float StepSize, float InverseSqrtCorrection2,
        float Epsilon, float Shrink, float Coupled);

    // Runs every minibatch: compiled fully optimized at once (see docs/ARCHITECTURE.md, "Tiered compilation").
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override unsafe void Update(int t, double learningRate, float lambda)
    {
        float[] w = Parameters[t], g = Gradients[t], m = first[t], v = second[t];
        double correction1 = 1 - Math.Pow(beta1Double, StepCount);
        double correction2 = 1 - Math.Pow(beta2Double, StepCount);
        // PyTorch's form: w ← w − (η/c₁)·m / (√v/√c₂ + ε).
        var c = new Coefficients(
            beta1, 1 - beta1, beta2, 1 - beta2, (float)(learningRate / correction1), (float)(1 / Math.Sqrt(correction2)),
            epsilon, decoupled ? (float)(1 - learningRate * lambda) : 1f, decoupled ? 0f : lambda);
        fixed (float* pw = w, pg = g, pm = m, pv = v)
        {
            switch (Path)
            {
                case VectorPath.Vector512: Step<Lanes512, Vector512<float>>(pw, pg, pm, pv, w.Length, c); break;
                case VectorPath.Vector256: Step<Lanes256, Vector256<float>>(pw, pg, pm, pv, w.Length, c); break;
                case VectorPath.Vector128: Step<Lanes128, Vector128<float>>(pw, pg, pm, pv, w.Length, c); break;
                default: StepScalar(pw, pg, pm, pv, w.Length, c); break;
            }
        }
    }

    /// <summary>The scalar reference: the same operations, in the same order, as every vector lane.</summary>
    private static unsafe void StepScalar(float* w, float* g, float* m, float* v, int n, in Coefficients c)
    {
        for (int i = 0; i < n; i++)
        {
            float wi = w[i];
            float gi = g[i] + c.Coupled * wi;
            float mi = c.Beta1 * m[i] + c.Beta1Complement * gi;
            float vi = c.Beta2 * v[i] + c.Beta2Complement * (gi * gi);
            m[i] = mi;
            v[i] = vi;
            w[i] = wi * c.Shrink - c.StepSize * mi / (MathF.Sqrt(vi) * c.InverseSqrtCorrection2 + c.Epsilon);
        }
    }

    /// <summary>One pass over a tensor at one width; the last partial vector through the scalar loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Step<TLanes, TVector>(float* w, float* g, float* m, float* v, int n, Coefficients c)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        int width = TLanes.Count, i = 0;
        for (; i <= n - width; i += width) Lanes<TLanes, TVector>(w + i, g + i, m + i, v + i, c);

        // The tail: every lane performs the scalar loop's operations in the same order, so these are the same bits.
        StepScalar(w + i, g + i, m + i, v + i, n - i, c);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Lanes<TLanes, TVector>(float* w, float* g, float* m, float* v, in Coefficients c)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        TVector wi = TLanes.Load(w);
        TVector gi = TLanes.Add(TLanes.Load(g), TLanes.Multiply(TLanes.Broadcast(c.Coupled), wi));
        TVector mi = TLanes.Add(TLanes.Multiply(TLanes.Broadcast(c.Beta1), TLanes.Load(m)), TLanes.Multiply(TLanes.Broadcast(c.Beta1Complement), gi));
        TVector vi = TLanes.Add(
            TLanes.Multiply(TLanes.Broadcast(c.Beta2), TLanes.Load(v)), TLanes.Multiply(TLanes.Broadcast(c.Beta2Complement), TLanes.Multiply(gi, gi)));
        TVector denominator = TLanes.Add(TLanes.Multiply(TLanes.Sqrt(vi), TLanes.Broadcast(c.InverseSqrtCorrection2)), TLanes.Broadcast(c.Epsilon));
        TVector step = TLanes.Divide(TLanes.Multiply(TLanes.Broadcast(c.StepSize), mi), denominator);
        TLanes.Store(mi, m);
        TLanes.Store(vi, v);
        TLanes.Store(TLanes.Subtract(TLanes.Multiply(wi, TLanes.Broadcast(c.Shrink)), step), w);
    }
}
