using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Likely.Numerics;

namespace Likely.Training;

/// <summary>
/// SGD with momentum μ (PyTorch's <c>torch.optim.SGD</c>, no dampening): g ← g + λ·w; v ← g on the first step, then
/// v ← μ·v + g; w ← w − η·v, or with Nesterov w ← w − η·(g + μ·v).
/// </summary>
internal sealed class SgdOptimizer : Optimizer
{
    private readonly float momentum;
    private readonly bool nesterov;
    private readonly float[][] velocity;

    public SgdOptimizer(ClassifierOptions options, float[][] parameters, float[][] gradients, bool[] decay, VectorPath path)
        : base(parameters, gradients, decay, options.WeightDecay, path)
    {
        (momentum, nesterov) = ((float)options.Momentum, options.Nesterov);
        velocity = parameters.Select(p => new float[p.Length]).ToArray();
    }

    public override IReadOnlyDictionary<string, float[][]> Moments => new Dictionary<string, float[][]> { ["momentum"] = velocity };

    /// <summary>The constants of one step: η, λ, μ, and which rule applies (no momentum, the first step, Nesterov).</summary>
    private readonly record struct Coefficients(float Rate, float Lambda, float Momentum, bool First, bool Nesterov);

    // Runs every minibatch: compiled fully optimized at once (see docs/ARCHITECTURE.md, "Tiered compilation").
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override unsafe void Update(int t, double learningRate, float lambda)
    {
        float[] w = Parameters[t], g = Gradients[t], v = velocity[t];
        var c = new Coefficients((float)learningRate, lambda, momentum, StepCount == 1, nesterov);
        fixed (float* pw = w, pg = g, pv = v)
        {
            switch (Path)
            {
                case VectorPath.Vector512: Step<Lanes512, Vector512<float>>(pw, pg, pv, w.Length, c); break;
                case VectorPath.Vector256: Step<Lanes256, Vector256<float>>(pw, pg, pv, w.Length, c); break;
                case VectorPath.Vector128: Step<Lanes128, Vector128<float>>(pw, pg, pv, w.Length, c); break;
                default: StepScalar(pw, pg, pv, w.Length, c); break;
            }
        }
    }

    /// <summary>The scalar reference: the same operations, in the same order, as every vector lane.</summary>
    private static unsafe void StepScalar(float* w, float* g, float* v, int n, in Coefficients c)
    {
        for (int i = 0; i < n; i++)
        {
            float gradient = g[i] + c.Lambda * w[i];
            if (c.Momentum != 0)
            {
                // PyTorch: the first step sets the buffer to g (no dampening).
                v[i] = c.First ? gradient : c.Momentum * v[i] + gradient;
                gradient = c.Nesterov ? gradient + c.Momentum * v[i] : v[i];
            }

            w[i] -= c.Rate * gradient;
        }
    }

    /// <summary>One pass over a tensor at one width; the last partial vector through the scalar loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Step<TLanes, TVector>(float* w, float* g, float* v, int n, Coefficients c)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        int width = TLanes.Count, i = 0;
        for (; i <= n - width; i += width) Lanes<TLanes, TVector>(w + i, g + i, v + i, c);

        // The tail: every lane performs the scalar loop's operations in the same order, so these are the same bits.
        StepScalar(w + i, g + i, v + i, n - i, c);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Lanes<TLanes, TVector>(float* w, float* g, float* v, in Coefficients c)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        TVector wi = TLanes.Load(w);
        TVector gradient = TLanes.Add(TLanes.Load(g), TLanes.Multiply(TLanes.Broadcast(c.Lambda), wi));
        if (c.Momentum != 0)
        {
            TVector mu = TLanes.Broadcast(c.Momentum);
            TVector vi = c.First ? gradient : TLanes.Add(TLanes.Multiply(mu, TLanes.Load(v)), gradient);
            TLanes.Store(vi, v);
            gradient = c.Nesterov ? TLanes.Add(gradient, TLanes.Multiply(mu, vi)) : vi;
        }

        TLanes.Store(TLanes.Subtract(wi, TLanes.Multiply(TLanes.Broadcast(c.Rate), gradient)), w);
    }
}
