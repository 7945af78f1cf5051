using System.CommandLine;
using Likely.Information;

namespace Likely.Cli.Commands;

/// <summary><c>likely cross-entropy</c>: H(p, q) = −Σ p log q.</summary>
public static class CrossEntropyCommand
{
    /// <summary>Creates the <c>cross-entropy</c> command.</summary>
    public static Command Create(CliContext context) => DivergenceCommands.Create(
        context, "cross-entropy",
        "Cross-entropy H(p, q) = −Σ p log q = H(p) + D(p‖q); +∞ where some q = 0 < p.\n" +
        "Example: likely cross-entropy --p 0.5,0.5 --q 0.9,0.1 --base 2",
        "cross-entropy", "H(p, q)",
        (p, q, logBase, normalize) => CrossEntropy.Compute(p, q, logBase, normalize));
}
