using Likely.Data;
using Likely.Evaluation;
using Likely.Models;
using Likely.Training;

namespace Likely.Tests.Training;

public class TrainerTests
{
    private static (Dataset Train, Dataset Test) Digits()
    {
        Dataset train = DatasetCatalog.Load("digits:train"), test = DatasetCatalog.Load("digits:test");
        Standardizer standardizer = Standardizer.Fit(train);
        return (standardizer.Apply(train), standardizer.Apply(test));
    }

    [Fact]
    public void Fit_DigitsMlp_LossFallsAndTestAccuracyHigh()
    {
        (Dataset train, Dataset test) = Digits();
        MultilayerPerceptron initial = MultilayerPerceptron.Initialize(64, [64], 10, Activation.Relu, Initialization.He, seed: 1);
        var trainer = new Trainer(new TrainingOptions { Epochs = 15, BatchSize = 32, LearningRate = 1e-3, Seed = 1 });
        TrainingResult result = trainer.Fit(initial, train, test);

        // Cross-entropy of a fresh network is near ln 10 = 2.30; a trained one must fall well below it, epoch after epoch.
        Assert.True(result.History[0].Training.MeanCrossEntropy > result.History[^1].Training.MeanCrossEntropy * 5);
        for (int e = 1; e < result.History.Count; e++)
        {
            Assert.True(result.History[e].Training.MeanCrossEntropy < result.History[e - 1].Training.MeanCrossEntropy);
        }

        ClassificationMetrics metrics = ModelEvaluation.Evaluate(result.Model, test.Features, test.Labels);
        Assert.True(metrics.Accuracy >= 0.95, $"test accuracy {metrics.Accuracy}");
        Assert.True(metrics.MeanCrossEntropy < 0.25, $"test log-loss {metrics.MeanCrossEntropy}");
    }

    [Theory]
    [InlineData(OptimizerKind.Adam, 0.0, ScheduleKind.Constant)]
    [InlineData(OptimizerKind.AdamW, 0.3, ScheduleKind.Cosine)]
    [InlineData(OptimizerKind.Sgd, 0.2, ScheduleKind.Step)]
    public void Fit_OneVersusTwoThreads_BitIdenticalWeights(OptimizerKind optimizer, double dropout, ScheduleKind schedule)
    {
        (Dataset train, _) = Digits();
        MultilayerPerceptron initial = MultilayerPerceptron.Initialize(64, [96, 48], 10, Activation.Gelu, Initialization.He, seed: 5);
        var options = new TrainingOptions
        {
            Epochs = 2, BatchSize = 100, Optimizer = optimizer, LearningRate = 0.01, Dropout = dropout, Schedule = schedule,
            WarmupEpochs = 1, WeightDecay = 1e-3, ClipNorm = 5, LabelSmoothing = 0.1, Nesterov = true, Seed = 3,
        };
        MultilayerPerceptron one = new Trainer(options with { Threads = 1 }).Fit(initial, train).Model;
        MultilayerPerceptron two = new Trainer(options with { Threads = 2 }).Fit(initial, train).Model;
        for (int l = 0; l < one.Layers.Count; l++)
        {
            Assert.True(one.Layers[l].Weights.SequenceEqual(two.Layers[l].Weights), $"layer {l} weights differ");
            Assert.True(one.Layers[l].Bias.SequenceEqual(two.Layers[l].Bias), $"layer {l} biases differ");
        }

        // And the run did train: the weights moved.
        Assert.False(one.Layers[0].Weights.SequenceEqual(initial.Layers[0].Weights));
    }

    [Fact]
    public void Fit_PatienceWithHugeRate_StopsEarlyKeepingBestEpoch()
    {
        (Dataset train, Dataset test) = Digits();
        MultilayerPerceptron initial = MultilayerPerceptron.Initialize(64, [32], 10, Activation.Tanh, Initialization.Xavier, seed: 2);
        // SGD without momentum at a rate that overshoots: validation loss stops improving quickly.
        var trainer = new Trainer(new TrainingOptions { Epochs = 40, BatchSize = 16, Optimizer = OptimizerKind.Sgd, Momentum = 0, LearningRate = 0.5, Patience = 2, Seed = 1 });
        TrainingResult result = trainer.Fit(initial, train, test);
        double best = result.History.Min(r => r.Validation!.MeanCrossEntropy);
        Assert.Equal(best, result.History[result.BestEpoch - 1].Validation!.MeanCrossEntropy);
        // The model returned is the best epoch's: its validation loss equals the best one recorded.
        Assert.Equal(best, ModelEvaluation.Evaluate(result.Model, test.Features, test.Labels).MeanCrossEntropy, 1e-12);
        if (result.StoppedEarly)
        {
            Assert.Equal(result.BestEpoch + 2, result.History.Count);
        }
    }

    [Fact]
    public void Fit_WrongClassWeightCount_ThrowsArgumentException()
    {
        (Dataset train, _) = Digits();
        MultilayerPerceptron initial = MultilayerPerceptron.Initialize(64, [], 10, Activation.Relu, Initialization.Xavier, seed: 1);
        var trainer = new Trainer(new TrainingOptions { ClassWeights = [1f, 2f] });
        Assert.Throws<ArgumentException>(() => trainer.Fit(initial, train));
    }

    [Fact]
    public void TrainingOptions_ZeroEpochs_ThrowsNamingOption()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(new TrainingOptions { Epochs = 0 }));
        Assert.Equal("Epochs", exception.ParamName);
    }
}
