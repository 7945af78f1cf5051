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

public class SpellingSurfaceTests
{
    [Fact]
    public void MistypedCommand_SuggestsTheClosest()
    {
        var (status, _, error) = CliRunner.Run("entopy", "0.5", "0.5");
        Assert.Equal(2, status);
        Assert.StartsWith("error: 'entopy' is not a likely command (did you mean entropy?); the commands are: tour, entropy,", error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void MistypedOption_SuggestsTheClosest()
    {
        var (status, _, error) = CliRunner.Run("entropy", "0.5", "0.5", "--bsae", "2");
        Assert.Equal(2, status);
        Assert.Equal("error: likely entropy has no option '--bsae' (did you mean --base?); run likely entropy --help to see its options.", error.Trim());
    }

    [Fact]
    public void BadChoice_IsOneLine_ListingTheValues()
    {
        // Before: AcceptOnlyFromAmong printed three lines (the error and each allowed value).
        var (status, output, error) = CliRunner.Run("entropy", "--counts", "3", "1", "--estimator", "miller");
        Assert.Equal(2, status);
        Assert.Equal("", output);
        Assert.Equal(
            "error: --estimator 'miller' is not one of: plugin, miller-madow, chao-shen (did you mean miller-madow?); run likely entropy --help to see the options and an example.",
            error.Trim());
    }

    [Fact]
    public void BadNumber_SaysWhatToType_NotADotNetType()
    {
        var (status, _, error) = CliRunner.Run("plot", "binary-entropy", "--out", "-", "--width", "wide");
        Assert.Equal(2, status);
        Assert.StartsWith("error: --width 'wide' is not a whole number", error);
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_NamesTheCommandLikely_WhateverTheExecutable()
    {
        // In tests the executable is testhost; the usage line must still say likely.
        var (status, output, _) = CliRunner.Run("entropy", "--help");
        Assert.Equal(0, status);
        Assert.Contains("  likely entropy [<probabilities>...] [options]", output, StringComparison.Ordinal);
        Assert.DoesNotContain("testhost", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_ShowsEachDefaultOnce()
    {
        var (_, output, _) = CliRunner.Run("entropy", "--help");
        string line = output.Split('\n').Single(l => l.TrimStart().StartsWith("--estimator", StringComparison.Ordinal));
        Assert.Contains("<plugin|miller-madow|chao-shen>", line, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(line, "default", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
    }

    [Fact]
    public void SuggestDirective_CompletesOptionValues()
    {
        // What the completion scripts in completions/ send: the line typed so far and the cursor position.
        var (status, output, _) = CliRunner.Run("[suggest:29]", "likely entropy --estimator ");
        Assert.Equal(0, status);
        Assert.Equal(["chao-shen", "miller-madow", "plugin"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order());
    }
}

public class DataOptionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("likely-data-option-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("--data")]
    [InlineData("--file")] // the old name, kept as a hidden alias
    public void InputFile_IsNamedData_WithFileStillAccepted(string flag)
    {
        string path = Path.Combine(_folder, "labels.csv");
        File.WriteAllText(path, "label\na\nb\n");
        var (status, output, error) = CliRunner.Run("entropy", flag, path, "--empirical", "--base", "2");
        Assert.True(status == 0, error);
        Assert.StartsWith("Ĥ (plugin, N = 2, 2 categories) = 1 bits", output); // by hand: two equally frequent labels
    }

    [Fact]
    public void BothSpellings_AreRefused()
    {
        string path = Path.Combine(_folder, "labels.csv");
        File.WriteAllText(path, "label\na\n");
        var (status, _, error) = CliRunner.Run("mi", "--data", path, "--file", path, "--x", "label", "--y", "label");
        Assert.Equal(2, status);
        Assert.Equal("error: likely mi: give the file once, as --data (--file is its old name).", error.Trim());
    }

    [Fact]
    public void HiddenAlias_IsNotInHelp()
    {
        var (_, output, _) = CliRunner.Run("mi", "--help");
        Assert.Contains("--data <file>", output, StringComparison.Ordinal);
        Assert.DoesNotContain("--file", output, StringComparison.Ordinal);
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
