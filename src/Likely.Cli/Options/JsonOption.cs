using System.CommandLine;

namespace Likely.Cli.Options;

/// <summary>The shared <c>--json</c> flag: print exactly one JSON object on stdout (see <see cref="Output.JsonResult"/>) instead of a human line.</summary>
public static class JsonOption
{
    /// <summary>Creates a fresh <c>--json</c> option.</summary>
    public static Option<bool> Create() => new("--json")
    {
        Description = "Print one JSON object on stdout, e.g. {\"quantity\":\"entropy\",\"value\":1.5,\"base\":2,\"unit\":\"bits\"}.",
    };
}
