using System.CommandLine;
using Likely.Cli.Options;
using Likely.Cli.Output;
using Likely.Data;
using Likely.Information;

namespace Likely.Cli.Commands;

/// <summary><c>likely mi</c>: the mutual information I(X; Y) of two categorical CSV columns (plug-in estimate).</summary>
public static class MutualInformationCommand
{
    /// <summary>Creates the <c>mi</c> command.</summary>
    public static Command Create(CliContext context)
    {
        DataOption file = DataOption.Create("A CSV file with a header row.", required: true);
        var x = new Option<string>("--x") { Description = "The column holding X (any strings, treated as categories).", Required = true };
        var y = new Option<string>("--y") { Description = "The column holding Y (any strings, treated as categories).", Required = true };
        Option<LogBase> logBase = BaseOption.Create();
        Option<bool> json = JsonOption.Create("{\"quantity\":\"mutual-information\",\"value\":…,\"base\":2,\"unit\":\"bits\",\"entropyX\":…,\"entropyY\":…,\"jointEntropy\":…,\"observations\":…}");
        var command = new Command("mi",
            "Mutual information I(X; Y) = Σ p(x,y) log[p(x,y) / (p(x)p(y))] of two columns of categories, from their contingency table.\n" +
            "Example: likely mi --data examples/data.csv --x weather --y umbrella --base 2");
        file.AddTo(command);
        foreach (Option option in new Option[] { x, y, logBase, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult =>
        {
            string path = file.GetValue(parseResult, "likely mi")!;
            string[] xs = CsvColumn.ReadStrings(path, parseResult.GetValue(x));
            string[] ys = CsvColumn.ReadStrings(path, parseResult.GetValue(y));
            if (xs.Length == 0) throw new UsageException($"{path} has a header but no data rows; add observations.");
            var table = ContingencyTable.FromPairs(xs, ys);
            LogBase unit = parseResult.GetValue(logBase);
            double value = table.MutualInformation(unit);
            if (parseResult.GetValue(json))
            {
                var result = new MutualInformationResult(
                    "mutual-information", value, unit.Value, unit.Unit, table.RowEntropy(unit), table.ColumnEntropy(unit), table.JointEntropy(unit), table.Total);
                JsonOutput.Write(context.Output, result, CliJson.Default.MutualInformationResult);
            }
            else
            {
                QuantityLine.Write(context.Output, "I(X; Y)", value, unit,
                    $"H(X) = {NumberText.Format(table.RowEntropy(unit))}, H(Y) = {NumberText.Format(table.ColumnEntropy(unit))}, N = {table.Total}");
            }

            return CliApp.Success;
        });
        return command;
    }
}
