using System.CommandLine;
using Likely.Information;

namespace Likely.Cli.Commands;

/// <summary><c>likely js</c>: the Jensen–Shannon divergence ½D(p‖m) + ½D(q‖m), m = ½(p + q).</summary>
public static class JensenShannonCommand
{
    /// <summary>Creates the <c>js</c> command.</summary>
    public static Command Create(CliContext context) => DivergenceCommands.Create(
        context, "js",
        "Jensen–Shannon divergence JS(p, q) = ½D(p‖m) + ½D(q‖m), m = ½(p + q); symmetric, in [0, log 2]. (SciPy's jensenshannon is its square root.)\n" +
        "Example: likely js --p 0.5,0.5 --q 0.9,0.1 --base 2",
        "js-divergence", "JS(p, q)",
        (p, q, logBase, normalize) => JensenShannonDivergence.Compute(p, q, logBase, normalize));
}
