using System.CommandLine;

namespace Likely.Cli.Options;

/// <summary>The shared <c>--json</c> flag: print exactly one JSON object on stdout (see <see cref="Output.JsonOutput"/>) instead of a human line.</summary>
public static class JsonOption
{
    /// <summary>Creates a fresh <c>--json</c> option whose help shows the command's own object.</summary>
    /// <param name="example">The object the command prints, e.g. <c>{"quantity":"entropy","value":1.5,"base":2,"unit":"bits"}</c>.</param>
    public static Option<bool> Create(string example) => new("--json")
    {
        Description = $"Print one JSON object on stdout, e.g. {example}.",
    };

    /// <summary>The example of a quantity command's object, e.g. <c>{"quantity":"kl-divergence","value":…,"base":2,"unit":"bits"}</c>.</summary>
    public static string QuantityExample(string quantity) => $"{{\"quantity\":\"{quantity}\",\"value\":…,\"base\":2,\"unit\":\"bits\"}}";
}
