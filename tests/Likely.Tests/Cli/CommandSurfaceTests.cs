namespace Likely.Tests.Cli;

/// <summary>Mistakes on the command line are named in the user's words (issue 10's list of the CLI's surface).</summary>
public class CommandSurfaceTests
{
    [Fact]
    public void UnknownCommand_NamesItAndListsTheCommands()
    {
        var (status, output, error) = CliRunner.Run("frobnicate");
        Assert.Equal(2, status);
        Assert.Equal("", output);
        Assert.StartsWith("error: 'frobnicate' is not a likely command; the commands are: tour, entropy,", error);
        Assert.Contains("info.", error);
    }

    [Fact]
    public void NoCommand_SaysWhereToStart()
    {
        var (status, _, error) = CliRunner.Run();
        Assert.Equal(2, status);
        Assert.Equal("error: no command given; run likely tour for a guided start, or likely --help for the commands.", error.Trim());
    }

    [Fact]
    public void UnknownOption_IsNamedAsAnOption_NotReadAsAValue()
    {
        // entropy takes free-form values, so the parser alone read '--bogus' as a probability ("is not a number").
        var (status, _, error) = CliRunner.Run("entropy", "0.5", "0.5", "--bogus");
        Assert.Equal(2, status);
        Assert.Equal("error: likely entropy has no option '--bogus'; run likely entropy --help to see its options.", error.Trim());
    }

    [Theory]
    [InlineData("kl", "--p", "0.5,0.5", "--q=0.9,0.1", "--base", "2")] // --name=value
    [InlineData("entropy", "--", "0.5", "0.5")] // after "--", nothing is an option
    [InlineData("entropy", "0.5", "0.5", "--base", "2", "--json")]
    public void KnownOptions_StillRun(params string[] args)
    {
        var (status, _, error) = CliRunner.Run(args);
        Assert.True(status == 0, error);
    }
}

public class NestedCommandSurfaceTests
{
    [Fact]
    public void UnknownOption_OfASubcommand_NamesTheWholeCommand()
    {
        var (status, _, error) = CliRunner.Run("plot", "binary-entropy", "--out", "-", "--bogus");
        Assert.Equal(2, status);
        Assert.Equal("error: likely plot binary-entropy has no option '--bogus'; run likely plot binary-entropy --help to see its options.", error.Trim());
    }
}

public class JsonHelpTests
{
    [Theory]
    [InlineData("kl", "{\"quantity\":\"kl-divergence\"")]
    [InlineData("js", "{\"quantity\":\"js-divergence\"")]
    [InlineData("cross-entropy", "{\"quantity\":\"cross-entropy\"")]
    [InlineData("mi", "{\"quantity\":\"mutual-information\"")]
    [InlineData("entropy", "{\"quantity\":\"entropy\",\"value\":1.5,\"base\":2,\"unit\":\"bits\"}")]
    public void JsonHelp_ShowsTheCommandsOwnObject(string command, string expected)
    {
        // The quantity names are those the commands write (see InformationCommandTests), not the entropy object for all.
        var (status, output, _) = CliRunner.Run(command, "--help");
        Assert.Equal(0, status);
        string jsonLine = output.Split('\n').Single(line => line.TrimStart().StartsWith("--json", StringComparison.Ordinal));
        Assert.Contains(expected, jsonLine);
    }
}
