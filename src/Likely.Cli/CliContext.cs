namespace Likely.Cli;

/// <summary>The writers every command prints to, injected so that commands can be tested without a console.</summary>
/// <param name="Output">Results: human lines, tables or one JSON object.</param>
/// <param name="Error">Diagnostics and progress.</param>
public sealed record CliContext(TextWriter Output, TextWriter Error);
