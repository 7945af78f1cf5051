using System.Runtime.Intrinsics;

namespace Likely.Training;

/// <summary>
/// One optimizer step over every parameter tensor, in place: the rules of <see cref="OptimizerKind"/>
/// (PyTorch's <c>torch.optim.SGD</c>, <c>Adam</c> and <c>AdamW</c>, single-tensor form).
/// </summary>
/// <remarks>Each element is updated independently in float with the same operations whatever the vector width, so
/// the trained weights are deterministic.</remarks>
internal sealed class Optimizer
{
    private readonly TrainingOptions options;
    private readonly float[][] parameters;
    private readonly float[][] gradients;
    private readonly bool[] decay;
    private readonly float[][] firstMoments;
    private readonly float[][] secondMoments;
    private int step;

    /// <summary>Creates the optimizer state (zero moments) for the given parameter tensors.</summary>
    /// <param name="options">The rule and its hyper-parameters.</param>
    /// <param name="parameters">The tensors updated in place.</param>
    /// <param name="gradients">Their gradients, same shapes, filled before each <see cref="Step"/>.</param>
    /// <param name="decay">Whether weight decay applies to each tensor (weights yes, biases no).</param>
    public Optimizer(TrainingOptions options, float[][] parameters, float[][] gradients, bool[] decay)
    {
        this.options = options;
        this.parameters = parameters;
        this.gradients = gradients;
        this.decay = decay;
        firstMoments = parameters.Select(p => new float[p.Length]).ToArray();
        secondMoments = options.Optimizer == OptimizerKind.Sgd ? [] : parameters.Select(p => new float[p.Length]).ToArray();
    }

    /// <summary>Applies one update with learning rate <paramref name="learningRate"/>.</summary>
    public void Step(double learningRate)
    {
        step++;
        for (int t = 0; t < parameters.Length; t++)
        {
            float lambda = decay[t] ? (float)options.WeightDecay : 0f;
            switch (options.Optimizer)
            {
                case OptimizerKind.Sgd:
                    SgdStep(parameters[t], gradients[t], firstMoments[t], (float)learningRate, lambda);
                    break;
                case OptimizerKind.Adam:
                    AdamStep(parameters[t], gradients[t], firstMoments[t], secondMoments[t], learningRate, lambda, decoupled: false);
                    break;
                default:
                    AdamStep(parameters[t], gradients[t], firstMoments[t], secondMoments[t], learningRate, lambda, decoupled: true);
                    break;
            }
        }
    }

    private void SgdStep(float[] w, float[] g, float[] velocity, float rate, float lambda)
    {
        float mu = (float)options.Momentum;
        bool first = step == 1;
        for (int i = 0; i < w.Length; i++)
        {
            float gradient = g[i] + lambda * w[i];
            if (mu != 0)
            {
                // PyTorch: the first step sets the buffer to g (no dampening).
                velocity[i] = first ? gradient : mu * velocity[i] + gradient;
                gradient = options.Nesterov ? gradient + mu * velocity[i] : velocity[i];
            }

            w[i] -= rate * gradient;
        }
    }

    private void AdamStep(float[] w, float[] g, float[] m, float[] v, double rate, float lambda, bool decoupled)
    {
        float beta1 = (float)options.Beta1, beta2 = (float)options.Beta2;
        double correction1 = 1 - Math.Pow(options.Beta1, step);
        double correction2 = 1 - Math.Pow(options.Beta2, step);
        // PyTorch's form: w ← w − (η/c₁)·m / (√v/√c₂ + ε).
        float stepSize = (float)(rate / correction1);
        float inverseSqrtCorrection2 = (float)(1 / Math.Sqrt(correction2));
        float epsilon = (float)options.Epsilon;
        float shrink = decoupled ? (float)(1 - rate * lambda) : 1f;
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
