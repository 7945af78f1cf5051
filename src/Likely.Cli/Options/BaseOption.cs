using System.CommandLine;
using Likely.Information;

namespace Likely.Cli.Options;

/// <summary>
/// The shared <c>--base 2|e|10|&lt;number&gt;</c> option: the logarithm base (unit) of an information quantity, parsed
/// by <see cref="LogBase.Parse"/>; nats (e) when omitted. Any command that prints entropies or divergences adds it with
/// <c>command.Options.Add(BaseOption.Create())</c> and reads it with <c>parseResult.GetValue(option)</c>.
/// </summary>
public static class BaseOption
{
    /// <summary>Creates a fresh <c>--base</c> option (an option instance belongs to one command).</summary>
    /// <remarks>A bad value ("two", 1, −2) becomes a parse error: one line on stderr and exit status 2.</remarks>
    public static Option<LogBase> Create() => new("--base")
    {
        Description = "Logarithm base, i.e. the unit: 2 (bits), e (nats), 10 (hartleys) or any number > 0 and ≠ 1.",
        HelpName = "2|e|10|number",
        DefaultValueFactory = _ => LogBase.Nats,
        CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "e";
            try
            {
                return LogBase.Parse(text);
            }
            catch (Exception exception) when (exception is FormatException or ArgumentException)
            {
                result.AddError($"--base: {exception.Message.ReplaceLineEndings(" ").Split(" (Parameter", 2)[0]}");
                return LogBase.Nats;
            }
        },
    };
}
