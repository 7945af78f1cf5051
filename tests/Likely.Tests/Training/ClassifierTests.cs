using Likely.Data;
using Likely.Evaluation;
using Likely.Models;
using Likely.Training;

namespace Likely.Tests.Training;

public class ClassifierTests
{
    private static readonly Dataset Train = DatasetCatalog.Load("digits:train");
    private static readonly Dataset Test = DatasetCatalog.Load("digits:test");

    [Fact]
    public void Fit_DigitsMlp_LossFallsAndTestAccuracyHigh()
    {
        ClassifierModel model = Classifier.Fit(Train, new ClassifierOptions { HiddenWidths = [64], Initialization = Initialization.He, Epochs = 15, BatchSize = 32, Seed = 1 });
        IReadOnlyList<EpochReport> history = model.Provenance!.History;

        // Cross-entropy of a fresh network is near ln 10 = 2.30; a trained one must fall well below it, epoch after epoch.
        Assert.True(history[0].Training.CrossEntropy > history[^1].Training.CrossEntropy * 5);
        for (int e = 1; e < history.Count; e++)
        {
            Assert.True(history[e].Training.CrossEntropy < history[e - 1].Training.CrossEntropy);
        }

        ClassificationMetrics metrics = model.Evaluate(Test);
        Assert.True(metrics.Accuracy >= 0.95, $"test accuracy {metrics.Accuracy}");
        Assert.True(metrics.CrossEntropy < 0.25, $"test log-loss {metrics.CrossEntropy}");
    }

    [Fact]
    public void Predict_ReloadedModel_TakesRawFeaturesAndMatchesEvaluate()
    {
        // The 0.42 trap: a reloaded network fed raw features. The model applies its own standardizer, so a saved and
        // reloaded model predicts exactly as the fitted one, from the same raw rows.
        ClassifierModel model = Classifier.Fit(Train, new ClassifierOptions { HiddenWidths = [32], Epochs = 15, Seed = 2 });
        string path = Path.Combine(Directory.CreateTempSubdirectory("likely-classifier-").FullName, "m.safetensors");
        model.Save(path);
        ClassifierModel loaded = ClassifierModel.Load(path);

        int[] predicted = loaded.Predict(Test.Features, Test.RowCount);
        double accuracy = predicted.Zip(Test.Labels).Count(p => p.First == p.Second) / (double)Test.RowCount;
        Assert.True(accuracy > 0.9, $"accuracy from raw features {accuracy}");
        Assert.Equal(model.Evaluate(Test).Accuracy, accuracy, 12);
        Assert.Equal(model.PredictProbabilities(Test.Features, Test.RowCount), loaded.PredictProbabilities(Test.Features, Test.RowCount));

        // Each probability row is a distribution, and its argmax is the prediction.
        float[] probabilities = loaded.PredictProbabilities(Test.Features, Test.RowCount);
        for (int r = 0; r < Test.RowCount; r++)
        {
            ReadOnlySpan<float> row = probabilities.AsSpan(r * 10, 10);
            Assert.Equal(1.0, row.ToArray().Sum(p => (double)p), 1e-5);
            Assert.Equal(predicted[r], System.Numerics.Tensors.TensorPrimitives.IndexOfMax(row));
        }

        // The input is never modified by the standardization inside.
        Assert.Equal(DatasetCatalog.Load("digits:test").Features, Test.Features);
    }

    [Fact]
    public void SaveLoad_Provenance_RoundTrips()
    {
        var options = new ClassifierOptions { HiddenWidths = [16], Epochs = 2, ValidationFraction = 0.2, Patience = 1, Seed = 4, ClassWeights = [1, 1, 1, 1, 1, 1, 1, 1, 1, 2] };
        ClassifierModel model = Classifier.Fit(Train, options);
        string path = Path.Combine(Directory.CreateTempSubdirectory("likely-classifier-").FullName, "m.safetensors");
        model.Save(path);
        TrainingProvenance p = ClassifierModel.Load(path).Provenance!;

        Assert.Equal("digits:train", p.DataName);
        Assert.Equal(Train.RowCount, p.DataRows);
        Assert.Equal(Train.Fingerprint(), p.DataFingerprint);
        Assert.Equal(Train.RowCount, p.TrainingRows + p.ValidationRows);
        Assert.Equal(2, p.History.Count);
        Assert.Equal(model.Provenance!.History[1].Validation!.CrossEntropy, p.History[1].Validation!.CrossEntropy);
        Assert.Equal(options.ClassWeights, p.Options.ClassWeights);
        Assert.Equal([16], p.Options.HiddenWidths);
        Assert.Empty(Classifier.OptionDifferences(options, p.Options));
        // And independently of that comparer: record equality on every other property (the two lists compare by reference).
        Assert.Equal(options with { HiddenWidths = p.Options.HiddenWidths, ClassWeights = p.Options.ClassWeights }, p.Options);
        Assert.Equal(TrainingProvenance.CurrentVersion, p.LikelyVersion);
    }

    [Theory]
    [InlineData(OptimizerKind.Adam, 0.0, ScheduleKind.Constant)]
    [InlineData(OptimizerKind.AdamW, 0.3, ScheduleKind.Cosine)]
    [InlineData(OptimizerKind.Sgd, 0.2, ScheduleKind.Step)]
    public void Fit_OneVersusTwoThreads_BitIdenticalWeights(OptimizerKind optimizer, double dropout, ScheduleKind schedule)
    {
        var options = new ClassifierOptions
        {
            HiddenWidths = [96, 48], Activation = Activation.Gelu, Initialization = Initialization.He,
            Epochs = 2, BatchSize = 100, Optimizer = optimizer, LearningRate = 0.01, Dropout = dropout, Schedule = schedule,
            WarmupEpochs = 1, WeightDecay = 1e-3, ClipNorm = 5, LabelSmoothing = 0.1, Nesterov = true, Seed = 3,
        };
        ClassifierModel one = Classifier.Fit(Train, options with { Threads = 1 });
        ClassifierModel two = Classifier.Fit(Train, options with { Threads = 2 });
        AssertSameWeights(one.Network, two.Network);

        // And the run did train: the weights moved from the seeded initial draw.
        MultilayerPerceptron initial = MultilayerPerceptron.Initialize(64, [96, 48], 10, Activation.Gelu, Initialization.He, seed: 3);
        Assert.False(one.Network.Layers[0].Weights.SequenceEqual(initial.Layers[0].Weights));
    }

    [Fact]
    public void Fit_PatienceWithHugeRate_StopsEarlyKeepingBestEpoch()
    {
        // SGD without momentum at a rate that overshoots: validation loss stops improving quickly.
        var options = new ClassifierOptions
        {
            HiddenWidths = [32], Activation = Activation.Tanh, Initialization = Initialization.Xavier, Epochs = 40, BatchSize = 16,
            Optimizer = OptimizerKind.Sgd, Momentum = 0, LearningRate = 0.5, ValidationFraction = 0.25, Patience = 2, Seed = 1,
        };
        ClassifierModel model = Classifier.Fit(Train, options);
        TrainingProvenance p = model.Provenance!;
        double best = p.History.Min(r => r.Validation!.CrossEntropy);
        Assert.Equal(best, p.History[p.BestEpoch - 1].Validation!.CrossEntropy);
        // The model returned is the best epoch's: its validation loss, evaluated afresh, equals the best one recorded.
        Assert.Equal(best, p.FinalValidation!.CrossEntropy, 1e-12);
        Assert.Equal(StopReason.EarlyStopping, p.StopReason);
        Assert.Equal(p.BestEpoch + 2, p.History.Count);
    }

    [Fact]
    public void Fit_WrongClassWeightCount_ThrowsNamingOption()
    {
        var exception = Assert.Throws<OptionOutOfRangeException>(() => Classifier.Fit(Train, new ClassifierOptions { HiddenWidths = [], ClassWeights = [1f, 2f] }));
        Assert.Equal(nameof(ClassifierOptions.ClassWeights), exception.ParamName);
        Assert.Contains("10 classes", exception.Message);
    }

    [Fact]
    public void Validate_ZeroEpochs_ThrowsNamingOption()
    {
        var exception = Assert.Throws<OptionOutOfRangeException>(() => new ClassifierOptions { Epochs = 0 }.Validate());
        Assert.Equal("Epochs", exception.ParamName);
        Assert.Equal("Epochs is 0; it must be at least 1.", exception.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Validate_NonPositiveWidth_ThrowsNamingLayer(int width)
    {
        var exception = Assert.Throws<OptionOutOfRangeException>(() => new ClassifierOptions { HiddenWidths = [8, width] }.Validate());
        Assert.Equal(nameof(ClassifierOptions.HiddenWidths), exception.ParamName);
        Assert.Contains($"layer 2 has {width}", exception.Message);
    }

    [Fact]
    public void Fit_AbsurdWidth_FailsBeforeAllocatingAndNamesTheSize()
    {
        // 784 × 99,999,999 weights in the first layer exceed the largest .NET array; the check runs before any allocation.
        var options = new ClassifierOptions { HiddenWidths = [99_999_999] };
        var exception = Assert.Throws<OptionOutOfRangeException>(() => options.Validate(784, 10));
        Assert.Equal(nameof(ClassifierOptions.HiddenWidths), exception.ParamName);
        Assert.Contains("fit in memory", exception.Message);
    }

    [Fact]
    public void Fit_MoreStepsThanFitIn32Bits_ThrowsBeforeTraining()
    {
        // 2,000,000 epochs of 1,437 one-row batches are 2.9e9 steps, more than the step counter holds (2^31 − 1 = 2,147,483,647; ⌊2,147,483,647 / 1,437⌋ = 1,494,421).
        var options = new ClassifierOptions { HiddenWidths = [], Epochs = 2_000_000, BatchSize = 1 };
        var exception = Assert.Throws<OptionOutOfRangeException>(() => Classifier.Fit(Train, options));
        Assert.Equal(nameof(ClassifierOptions.Epochs), exception.ParamName);
        Assert.Contains("at most 1,494,421 with 1,437 minibatches an epoch", exception.Message);
    }

    [Fact]
    public void Validate_LbfgsWithHiddenLayers_Throws()
    {
        var exception = Assert.Throws<OptionOutOfRangeException>(() => new ClassifierOptions { Solver = SolverKind.Lbfgs, HiddenWidths = [8] }.Validate());
        Assert.Equal(nameof(ClassifierOptions.Solver), exception.ParamName);
    }

    [Fact]
    public void Fit_Lbfgs_ConvergesAndRecordsIterations()
    {
        ClassifierModel model = Classifier.Fit(Train, new ClassifierOptions { HiddenWidths = [], Solver = SolverKind.Lbfgs, MaxIterations = 200 });
        Assert.True(model.Network.IsSoftmaxRegression);
        Assert.True(model.Provenance!.LbfgsIterations > 0);
        Assert.True(model.Evaluate(Test).Accuracy > 0.9);
    }

    internal static void AssertSameWeights(MultilayerPerceptron a, MultilayerPerceptron b)
    {
        Assert.Equal(a.Layers.Count, b.Layers.Count);
        for (int l = 0; l < a.Layers.Count; l++)
        {
            Assert.True(a.Layers[l].Weights.SequenceEqual(b.Layers[l].Weights), $"layer {l} weights differ");
            Assert.True(a.Layers[l].Bias.SequenceEqual(b.Layers[l].Bias), $"layer {l} biases differ");
        }
    }
}
