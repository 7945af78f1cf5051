namespace Likely.Cli.Commands.Report;

/// <summary>
/// The <c>--json</c> object of <c>likely report</c>: where the page went and its key numbers (cross-entropies in nats
/// unless named bits; fractions in [0, 1]).
/// </summary>
/// <param name="Model">The model file.</param>
/// <param name="Data">The data spec evaluated.</param>
/// <param name="Out">The HTML file written.</param>
/// <param name="Bytes">The page's size in bytes.</param>
/// <param name="Rows">N, the rows evaluated.</param>
/// <param name="CrossEntropy">H(p̂, q) = −(1/N) Σ ln q(y|x), nats.</param>
/// <param name="CrossEntropyBits">The same in bits.</param>
/// <param name="ClassPriorEntropy">H(π), the cross-entropy of predicting the class frequencies, nats.</param>
/// <param name="CrossEntropyReduction">(H(π) − H(p̂, q))/H(π).</param>
/// <param name="Accuracy">Fraction of rows whose most probable class is the label.</param>
/// <param name="HardestRows">The rows shown as the hardest, hardest first.</param>
/// <param name="Figures">The titles of the pictures on the page.</param>
/// <param name="Temperature">T of a calibrated model; left out when T = 1 and for vector scaling.</param>
/// <param name="CalibrationMethod">temperature or vector (as <c>likely calibrate --method</c> spells it); left out when T = 1.</param>
internal sealed record ReportResult(
    string Model, string Data, string Out, int Bytes, int Rows, double CrossEntropy, double CrossEntropyBits, double ClassPriorEntropy,
    double CrossEntropyReduction, double Accuracy, IReadOnlyList<int> HardestRows, IReadOnlyList<string> Figures, double? Temperature,
    string? CalibrationMethod)
{
    /// <summary>The object of <paramref name="report"/>, written to <paramref name="path"/> as <paramref name="bytes"/> bytes.</summary>
    public static ReportResult Of(ModelReport report, string path, int bytes) => new(
        report.ModelPath, report.DataName, path, bytes, report.Metrics.RowCount, report.Metrics.CrossEntropy, report.Metrics.CrossEntropyBits,
        report.ClassPriorEntropy, report.Metrics.CrossEntropyReduction, report.Metrics.Accuracy,
        report.Hardest.Select(h => h.Row).ToArray(), report.Figures.Select(f => f.Title).ToArray(),
        report.Model.Temperature == 1 ? null : report.Model.Temperature, Training.EvaluationReport.CalibrationMethodName(report.Model));
}
