namespace Likely.Tests;

public class SmokeTests
{
    [Fact]
    public void Tour_Runs_ExitsZero()
    {
        var (status, output, _) = Cli.CliRunner.Run("tour");
        Assert.Equal(0, status);
        Assert.Contains("tour", output, StringComparison.OrdinalIgnoreCase);
    }
}
