namespace Likely.Tests;

public class SmokeTests
{
    [Fact]
    public void Tour_Runs_ExitsZero()
    {
        var output = new StringWriter();
        int status = Likely.Cli.CliApp.Run(["tour"], output, new StringWriter());
        Assert.Equal(0, status);
        Assert.Contains("tour", output.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
