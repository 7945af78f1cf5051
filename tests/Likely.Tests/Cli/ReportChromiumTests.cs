using System.Diagnostics;
using System.Text.RegularExpressions;

using static Likely.Tests.Cli.CliRunner;

namespace Likely.Tests.Cli;

/// <summary>A fact that runs only where headless Chromium is installed, and is reported as skipped (not passed) elsewhere.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (HeadlessChromium.Path is null)
        {
            Skip = "Chromium is not installed (sudo apt-get install chromium); the HTML report is not rendered in a browser here.";
        }
    }
}

/// <summary>
/// Debian's <c>chromium</c>, headless: loads a page, returns its DOM after load and the console messages it logged.
/// With <c>--enable-logging=stderr --v=0</c> every console message (console.log/error, an uncaught exception, a
/// refused load under the page's content security policy) is a line <c>[…:INFO:CONSOLE:LINE] "message", source: …</c>
/// (older builds: <c>CONSOLE(LINE)</c>) on standard error.
/// </summary>
internal static partial class HeadlessChromium
{
    /// <summary>The browser's path, or null when none is installed.</summary>
    public static string? Path { get; } = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    /// <summary>Loads <paramref name="file"/> and returns the serialized DOM and the console lines.</summary>
    public static (string Dom, string[] Console) Load(string file)
    {
        string profile = Directory.CreateTempSubdirectory("likely-chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo(Path!)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--enable-logging=stderr", "--v=0",
                $"--user-data-dir={profile}", "--dump-dom", new Uri(file).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(argument);
            }

            using Process process = Process.Start(start)!;
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"Chromium did not finish loading {file} within 120 s.");
            }

            Assert.True(process.ExitCode == 0, $"Chromium exited with status {process.ExitCode}:\n{error.Result}");
            string[] console = [.. error.Result.Split('\n').Where(line => ConsoleLine().IsMatch(line))];
            return (output.Result, console);
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }

    [GeneratedRegex(@":CONSOLE[:(]\d+")]
    private static partial Regex ConsoleLine();
}

public sealed class ReportChromiumTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("likely-report-chromium-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [ChromiumFact]
    public void Report_InChromium_LoadsWithoutConsoleMessagesAndShowsTheNumbers()
    {
        string model = ReportCommandTests.TrainDigits(folder), page = Path.Combine(folder, "report.html");
        Assert.Equal(0, Run("report", "--model", model, "--data", "digits:test", "--out", page).Status);
        // The numbers as likely evaluate prints them, read from its table.
        string table = Run("evaluate", "--model", model, "--data", "digits:test").Output;
        string accuracy = TableValue(table, "accuracy (micro)"), crossEntropy = TableValue(table, "cross-entropy (nats)");

        (string dom, string[] console) = HeadlessChromium.Load(page);

        Assert.True(console.Length == 0, "The report logged to the console:\n" + string.Join('\n', console));
        Assert.Contains("Hardest examples", dom);
        Assert.Contains(accuracy, dom);
        Assert.Contains(crossEntropy + " nats", dom);
    }

    [ChromiumFact]
    public void ConsoleCheck_ReportWithAScriptAndAnExternalImage_SeesBoth()
    {
        // The check above can fail: the same page with a script and a remote image logs two refusals (its content
        // security policy blocks both, and Chromium says so on the console).
        string model = ReportCommandTests.TrainDigits(folder), page = Path.Combine(folder, "report.html");
        Assert.Equal(0, Run("report", "--model", model, "--data", "digits:test", "--out", page).Status);
        string broken = Path.Combine(folder, "broken.html");
        File.WriteAllText(broken, File.ReadAllText(page).Replace("</main>", "<script>console.log('hi')</script><img src=\"https://example.invalid/x.png\"></main>", StringComparison.Ordinal));

        (_, string[] console) = HeadlessChromium.Load(broken);

        Assert.Contains(console, line => line.Contains("script", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(console, line => line.Contains("example.invalid", StringComparison.Ordinal));
    }

    /// <summary>The value of a row of a two-column table of <c>likely evaluate</c>.</summary>
    private static string TableValue(string table, string metric) =>
        table.Split('\n').Select(line => line.Trim()).First(line => line.StartsWith(metric + " ", StringComparison.Ordinal))[metric.Length..].Trim();
}
