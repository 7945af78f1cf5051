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

    public SgdOptimizer(ClassifierOptions options, float[][] parameters, float[][] gradients, bool[] decay)
        : base(parameters, gradients, decay, options.WeightDecay)
    {
        (momentum, nesterov) = ((float)options.Momentum, options.Nesterov);
        velocity = parameters.Select(p => new float[p.Length]).ToArray();
    }

    public override IReadOnlyDictionary<string, float[][]> Moments => new Dictionary<string, float[][]> { ["momentum"] = velocity };

    // Runs every minibatch: compiled fully optimized at once (see docs/ARCHITECTURE.md, "Tiered compilation").
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    protected override void Update(int t, double learningRate, float lambda)
    {
        float[] w = Parameters[t], g = Gradients[t], v = velocity[t];
        float rate = (float)learningRate, mu = momentum;
        bool first = StepCount == 1;
        for (int i = 0; i < w.Length; i++)
        {
            float gradient = g[i] + lambda * w[i];
            if (mu != 0)
            {
                // PyTorch: the first step sets the buffer to g (no dampening).
                v[i] = first ? gradient : mu * v[i] + gradient;
                gradient = nesterov ? gradient + mu * v[i] : v[i];
            }

            w[i] -= rate * gradient;
        }
    }
}
