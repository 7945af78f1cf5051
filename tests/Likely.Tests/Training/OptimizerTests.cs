using Likely.Training;

namespace Likely.Tests.Training;

public class OptimizerTests
{
    [Fact]
    public void Step_AdamFirstStep_MovesByLearningRateTimesSign()
    {
        // Worked by hand: after one step m̂ = g and v̂ = g², so Δw = −η·g/(|g| + ε) ≈ −η·sign(g).
        float[] w = Enumerable.Range(0, 11).Select(i => (float)i).ToArray();
        float[] g = Enumerable.Range(0, 11).Select(i => i % 2 == 0 ? 0.5f : -2f).ToArray();
        var optimizer = Optimizer.Create(new ClassifierOptions { Optimizer = OptimizerKind.Adam }, [w], [g], [false]);
        optimizer.Step(0.1);
        for (int i = 0; i < w.Length; i++)
        {
            Assert.Equal(i - 0.1 * Math.Sign(g[i]), w[i], 1e-5);
        }
    }

    [Fact]
    public void Step_SgdMomentumTwoSteps_MatchesHandWorked()
    {
        // PyTorch rule: v₁ = g, w₁ = w₀ − η·v₁; v₂ = μ·v₁ + g, w₂ = w₁ − η·v₂. With w₀ = 1, g = 2, η = 0.1, μ = 0.9:
        // w₁ = 0.8, v₂ = 3.8, w₂ = 0.42. Nesterov: step uses g + μ·v: w₁ = 1 − 0.1·(2 + 1.8) = 0.62.
        float[] w = [1f], g = [2f];
        var sgd = Optimizer.Create(new ClassifierOptions { Optimizer = OptimizerKind.Sgd, Momentum = 0.9 }, [w], [g], [false]);
        sgd.Step(0.1);
        Assert.Equal(0.8f, w[0], 1e-6f);
        sgd.Step(0.1);
        Assert.Equal(0.42f, w[0], 1e-6f);

        float[] wn = [1f], gn = [2f];
        Optimizer.Create(new ClassifierOptions { Optimizer = OptimizerKind.Sgd, Momentum = 0.9, Nesterov = true }, [wn], [gn], [false]).Step(0.1);
        Assert.Equal(0.62f, wn[0], 1e-6f);
    }

    [Fact]
    public void Step_AdamWDecay_ShrinksWeightWithZeroGradient()
    {
        // Decoupled decay with g = 0: w ← w·(1 − η·λ) and the Adam part is 0/(0 + ε) = 0. w = 2, η = 0.1, λ = 0.5 → 1.9.
        float[] w = [2f], g = [0f];
        Optimizer.Create(new ClassifierOptions { Optimizer = OptimizerKind.AdamW, WeightDecay = 0.5 }, [w], [g], [true]).Step(0.1);
        Assert.Equal(1.9f, w[0], 1e-6f);
    }

    [Fact]
    public void Rate_Schedules_MatchHandWorked()
    {
        // Warm-up 4 steps: η·1/4, η·2/4, …; cosine over the 8 later steps: at the midpoint ½η; step rule: ×γ each 2 epochs.
        var cosine = new LearningRateSchedule(ScheduleKind.Cosine, 1.0, 4, 12, 4, 1, 0.1);
        Assert.Equal(0.25, cosine.Rate(0), 1e-12);
        Assert.Equal(1.0, cosine.Rate(3), 1e-12);
        Assert.Equal(1.0, cosine.Rate(4), 1e-12);
        Assert.Equal(0.5, cosine.Rate(8), 1e-12);
        var step = new LearningRateSchedule(ScheduleKind.Step, 1.0, 0, 100, 10, 2, 0.1);
        Assert.Equal(1.0, step.Rate(19), 1e-12);
        Assert.Equal(0.1, step.Rate(20), 1e-12);
        Assert.Equal(0.01, step.Rate(45), 1e-12);
    }

    [Fact]
    public void ClipByGlobalNorm_LargeGradient_RescaledToMaxNorm()
    {
        // ‖(3, 4)‖ = 5, clipped to 1: (0.6, 0.8) up to the 1e-6 guard.
        float[][] gradients = [[3f], [4f]];
        double norm = GradientClipping.ClipByGlobalNorm(gradients, 1.0);
        Assert.Equal(5.0, norm, 1e-12);
        Assert.Equal(0.6f, gradients[0][0], 1e-5f);
        Assert.Equal(0.8f, gradients[1][0], 1e-5f);
    }
}
