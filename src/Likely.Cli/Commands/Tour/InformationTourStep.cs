using Likely.Cli.Output;
using Likely.Information;

namespace Likely.Cli.Commands.Tour;

/// <summary>The tour's step on the information-theory core (issue 2): entropy, cross-entropy, KL and how they add up.</summary>
internal static class InformationTourStep
{
    /// <summary>Prints this step of the tour to <paramref name="context"/>'s output.</summary>
    public static void Run(CliContext context)
    {
        TextWriter output = context.Output;
        double[] p = [0.5, 0.25, 0.25], q = [1.0 / 3, 1.0 / 3, 1.0 / 3];
        LogBase bits = LogBase.Bits;
        double entropy = Entropy.Compute(p, bits);
        double crossEntropy = CrossEntropy.Compute(p, q, bits);
        double divergence = KullbackLeiblerDivergence.Compute(p, q, bits);
        output.WriteLine();
        output.WriteLine("1. Information: entropy, cross-entropy and Kullback–Leibler divergence (in bits)");
        output.WriteLine("   Weather tomorrow: sun, rain, snow with true probabilities p = (1/2, 1/4, 1/4).");
        output.WriteLine($"   Entropy       H(p)    = −Σ p log₂ p          = {NumberText.Format(entropy)} bits: the average surprise, the best possible code length.");
        output.WriteLine("   A forecaster who knows nothing predicts q = (1/3, 1/3, 1/3).");
        output.WriteLine($"   Cross-entropy H(p, q) = −Σ p log₂ q          = {NumberText.Format(crossEntropy)} bits: the average surprise when predicting with q.");
        output.WriteLine($"   KL divergence D(p‖q)  = Σ p log₂(p/q)        = {NumberText.Format(divergence)} bits: the price of using q instead of p (≥ 0).");
        output.WriteLine($"   Identity      H(p, q) = H(p) + D(p‖q):  {NumberText.Format(crossEntropy)} = {NumberText.Format(entropy)} + {NumberText.Format(divergence)}");
        output.WriteLine("   So minimizing cross-entropy over q minimizes D(p‖q): the best model is q = p, where D = 0.");
        output.WriteLine($"   A fair coin carries H(½) = {NumberText.Format(BinaryEntropy.Compute(0.5, bits))} bit; a 90/10 coin only {NumberText.Format(BinaryEntropy.Compute(0.9, bits))} bits.");
        output.WriteLine("   Try: likely entropy 0.5 0.25 0.25 --base 2   |   likely kl --p 0.5,0.25,0.25 --q 0.34,0.33,0.33 --base 2");
    }
}
