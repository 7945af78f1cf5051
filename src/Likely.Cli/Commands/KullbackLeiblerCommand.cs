using System.CommandLine;
using Likely.Information;

namespace Likely.Cli.Commands;

/// <summary><c>likely kl</c>: the Kullback–Leibler divergence D(p‖q) = Σ p log(p/q).</summary>
public static class KullbackLeiblerCommand
{
    /// <summary>Creates the <c>kl</c> command.</summary>
    public static Command Create(CliContext context) => DivergenceCommands.Create(
        context, "kl",
        "Kullback–Leibler divergence D(p‖q) = Σ p log(p/q) ≥ 0; +∞ where some q = 0 < p.\n" +
        "Example: likely kl --p 0.5,0.5 --q 0.9,0.1 --base 2",
        "kl-divergence", "D(p‖q)",
        (p, q, logBase, normalize) => KullbackLeiblerDivergence.Compute(p, q, logBase, normalize));
}
