using Likely.Cli.Output;
using Likely.Distributions;
using Likely.Likelihood;

namespace Likely.Cli.Commands.Tour;

/// <summary>The tour's step on maximum likelihood = minimum cross-entropy (issue 4), on a built-in seeded Poisson sample.</summary>
internal static class LikelihoodTourStep
{
    /// <summary>Prints this step of the tour to <paramref name="context"/>'s output.</summary>
    public static void Run(CliContext context)
    {
        TextWriter o = context.Output;
        static string F(double v) => NumberText.Format(v, 6);

        // Built-in sample: 800 goal counts drawn from Poisson(2.7) with seed 2026.
        double[] goals = new double[800];
        new Poisson(2.7).Sample(new Random(2026), goals);
        DistributionFit fit = Poisson.Family.Fit(goals);
        LikelihoodLedger ledger = LikelihoodLedger.Compute(fit.Distribution, fit, goals);
        CrossEntropyDecomposition d = ledger.Decomposition!;

        o.WriteLine();
        o.WriteLine("2. Maximum likelihood is minimum cross-entropy (800 built-in goal counts, fitted Poisson)");
        o.WriteLine($"   λ_ML = mean = {F(fit["lambda"].Estimate)} ± {F(fit["lambda"].StandardError!.Value)} (standard error)");
        o.WriteLine($"   Π p(x_i) in float64 = {F(ledger.NaiveProduct)} (underflowed at m = {ledger.UnderflowIndex}); Σ ln p(x_i) = {F(ledger.LogLikelihood)}");
        o.WriteLine($"   (1/m) Σ ln p(x_i) = {F(ledger.MeanLogLikelihood)} = −H(p̂, p_model)");
        o.WriteLine($"   H(p̂) + D(p̂‖p_model) = {F(d.EmpiricalEntropy)} + {F(d.KullbackLeiblerDivergence)} = {F(d.CrossEntropy)} nats (identity holds to {NumberText.Format(d.Discrepancy, 2)})");
        PerturbedCrossEntropy[] moves = [.. ledger.Perturbations];
        o.WriteLine($"   λ one standard error lower or higher: H = {F(moves[0].CrossEntropy)} and {F(moves[1].CrossEntropy)}, both above {F(ledger.CrossEntropy)}");
        o.WriteLine("   Try it on your data: likely explain poisson --data examples/counts.csv --column goals");
        o.WriteLine($"   Families: {string.Join(", ", Families.All.Select(f => f.Name))} (likely fit --help lists their parameters).");
    }
}
