using Likely.Cli.Options;

namespace Likely.Cli.Commands.Training;

/// <summary>The network <c>likely train --architecture</c> builds.</summary>
internal enum Architecture
{
    /// <summary>A multilayer perceptron with the hidden layers of <c>--hidden-widths</c>.</summary>
    MultilayerPerceptron,

    /// <summary>Softmax regression: no hidden layer.</summary>
    SoftmaxRegression,
}

/// <summary>The spellings of <see cref="Architecture"/> on the command line.</summary>
internal static class Architectures
{
    /// <summary>mlp, softmax.</summary>
    public static readonly Choices<Architecture> Choices = new(("mlp", Architecture.MultilayerPerceptron), ("softmax", Architecture.SoftmaxRegression));
}
