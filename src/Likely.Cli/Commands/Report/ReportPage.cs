using System.Net;
using System.Text;
using Likely.Cli.Commands.Training;
using Likely.Cli.Output;
using Likely.Evaluation;
using Likely.Training;

namespace Likely.Cli.Commands.Report;

/// <summary>
/// Renders a <see cref="ModelReport"/> as one self-contained HTML page: inline CSS, inline SVG figures and PNG data
/// URIs, no script and nothing fetched, so it reads the same offline, without JavaScript and on paper. Every text that
/// comes from the user's files (class and feature names, paths, data names) is HTML-escaped.
/// </summary>
/// <remarks>Numbers are written as the command line writes them (<see cref="EvaluationReport.Metric"/>: 4 decimals),
/// so the page and <c>likely evaluate</c> show the same digits.</remarks>
internal static partial class ReportPage
{
    /// <summary>
    /// The page's content security policy: inline styles and <c>data:</c> images only, so a browser refuses any script
    /// and any fetch — and says so on its console, which is what the Chromium test reads.
    /// </summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    private static readonly double Ln2 = Math.Log(2);

    /// <summary>The whole page.</summary>
    public static string Render(ModelReport report)
    {
        var html = new StringBuilder(64 * 1024);
        ClassificationMetrics m = report.Metrics;
        string title = $"Likely report: {Path.GetFileName(report.ModelPath)} on {report.DataName}";
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(ContentSecurityPolicy).Append("\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"generator\" content=\"Likely ").Append(H(TrainingProvenance.CurrentVersion)).Append("\">\n")
            .Append("<title>").Append(H(title)).Append("</title>\n<style>\n").Append(ReportStyle.Css).Append("</style>\n</head>\n<body>\n<main>\n");

        html.Append("<header>\n<p class=\"kicker\">Likely model report</p>\n<h1>").Append(H(report.Model.ToString())).Append("</h1>\n")
            .Append("<p class=\"sub\"><span class=\"mono\">").Append(H(report.ModelPath)).Append("</span> evaluated on <span class=\"mono\">")
            .Append(H(report.DataName)).Append("</span>: ").Append(NumberText.Count(m.RowCount)).Append(" labelled rows, ")
            .Append(m.ClassCount).Append(" classes.</p>\n</header>\n");

        Cards(html, report);
        Ledger(html, report);
        Metrics(html, report);
        Figures(html, report.Figures);
        Hardest(html, report);
        PerClass(html, report);
        if (report.Figures.Count == 0)
        {
            Confusion(html, report); // the picture, when there is one, shows the same counts
        }

        ModelSection(html, report.Model);
        Provenance(html, report.Model.Provenance);

        html.Append("<footer>Made by <code>likely report</code> (Likely ").Append(H(TrainingProvenance.CurrentVersion))
            .Append("). Cross-entropies are in nats (ln) unless marked bits (log₂); every fraction is in [0, 1]. ")
            .Append("This page is one file: no script, nothing loaded from the network.</footer>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The headline numbers.</summary>
    private static void Cards(StringBuilder html, ModelReport report)
    {
        ClassificationMetrics m = report.Metrics;
        html.Append("<section class=\"cards\" aria-label=\"Headline metrics\">\n");
        Card(html, "accuracy", Metric(m.Accuracy), $"{NumberText.Count(CorrectRows(m))} of {NumberText.Count(m.RowCount)} rows right");
        Card(html, "cross-entropy", $"{Metric(m.CrossEntropy)} nats", $"{Metric(m.CrossEntropyBits)} bits per row");
        Card(html, "cross-entropy reduction", Metric(m.CrossEntropyReduction), $"vs the class prior, {Metric(report.ClassPriorEntropy)} nats");
        Card(html, "perplexity", Metric(m.Perplexity), $"of {m.ClassCount} classes");
        html.Append("</section>\n");
    }

    private static void Card(StringBuilder html, string label, string value, string note) =>
        html.Append("<div class=\"card\"><div class=\"label\">").Append(H(label)).Append("</div><div class=\"value\">").Append(H(value))
            .Append("</div><div class=\"note\">").Append(H(note)).Append("</div></div>\n");

    /// <summary>
    /// The classifier's ledger, as <c>likely explain</c> writes it for a distribution: the likelihood is a product that
    /// underflows, its log is a sum, the mean is minus the cross-entropy, and the class prior is the baseline.
    /// </summary>
    private static void Ledger(StringBuilder html, ModelReport report)
    {
        ClassificationMetrics m = report.Metrics;
        double n = m.RowCount, h = m.CrossEntropy, prior = report.ClassPriorEntropy;
        double hardestShare = report.Hardest.Sum(r => r.CrossEntropy) / (n * h);
        html.Append("<section id=\"ledger\">\n<h2>The ledger: maximum likelihood = minimum cross-entropy</h2>\n<ol class=\"ledger\">\n");
        html.Append("<li>The likelihood of the test labels is the product Π q(y<sub>i</sub>|x<sub>i</sub>) of N = ")
            .Append(NumberText.Count(m.RowCount)).Append(" probabilities; its logarithm is a sum that stays finite:")
            .Append("<span class=\"eq\">Σ ln q(y|x) = ").Append(H(NumberText.Format(-n * h, 8))).Append(" nats</span></li>\n");
        html.Append("<li>Divided by N, minus the mean log-likelihood is the cross-entropy between the labels' empirical distribution p̂ and the model q:")
            .Append("<span class=\"eq\">H(p̂, q) = −(1/N) Σ ln q(y|x) = ").Append(Metric(h)).Append(" nats = ").Append(Metric(m.CrossEntropyBits))
            .Append(" bits; perplexity e<sup>H</sup> = ").Append(Metric(m.Perplexity)).Append("</span></li>\n");
        html.Append("<li>What guessing the class frequencies π costs: predicting π for every row, whatever x, has cross-entropy the entropy of the labels,")
            .Append("<span class=\"eq\">H(π) = −Σ π<sub>c</sub> ln π<sub>c</sub> = ").Append(Metric(prior)).Append(" nats = ")
            .Append(Metric(prior / Ln2)).Append(" bits</span></li>\n");
        html.Append("<li>The model is ").Append(Metric(prior - h)).Append(" nats per row below that baseline")
            .Append(prior > h ? "" : " (it is <strong>not</strong> better than the prior)")
            .Append(": the features tell it that much about the label.")
            .Append("<span class=\"eq\">cross-entropy reduction (H(π) − H(p̂, q)) / H(π) = ").Append(Metric(m.CrossEntropyReduction)).Append("</span>")
            .Append(Bars(h, prior)).Append("</li>\n");
        if (report.Hardest.Count > 0)
        {
            html.Append("<li>Where the nats go: the ").Append(report.Hardest.Count).Append(" hardest rows (below) carry ")
                .Append(H(NumberText.Fixed(100 * hardestShare, 1))).Append("% of Σ −ln q(y|x), ")
                .Append(H(NumberText.Fixed(100.0 * report.Hardest.Count / n, 1))).Append("% of the rows.</li>\n");
        }

        html.Append("</ol>\n</section>\n");
    }

    /// <summary>Two bars to scale: the model's cross-entropy and the prior's.</summary>
    private static string Bars(double model, double prior)
    {
        double top = Math.Max(model, prior);
        if (!(top > 0) || !double.IsFinite(top))
        {
            return "";
        }

        string Width(double v) => NumberText.Fixed(Math.Max(0.5, 100 * v / top), 1);
        return $"<table aria-label=\"Cross-entropy against the class prior\"><tbody>" +
            $"<tr><td>class prior H(π)</td><td style=\"width:22rem\"><span class=\"bar prior\" style=\"width:{Width(prior)}%\"></span></td><td class=\"num\">{Metric(prior)}</td></tr>" +
            $"<tr><td>model H(p̂, q)</td><td><span class=\"bar\" style=\"width:{Width(model)}%\"></span></td><td class=\"num\">{Metric(model)}</td></tr>" +
            "</tbody></table>";
    }

    /// <summary>The metrics table, in nats and bits where the unit matters.</summary>
    private static void Metrics(StringBuilder html, ModelReport report)
    {
        ClassificationMetrics m = report.Metrics;
        html.Append("<section id=\"metrics\">\n<h2>Test metrics</h2>\n<table>\n<thead><tr><th>metric</th><th class=\"num\">nats</th><th class=\"num\">bits</th></tr></thead>\n<tbody>\n");
        Row3(html, "cross-entropy H(p̂, q) (log-loss)", Metric(m.CrossEntropy), Metric(m.CrossEntropyBits));
        Row3(html, "class-prior entropy H(π)", Metric(report.ClassPriorEntropy), Metric(report.ClassPriorEntropy / Ln2));
        Row3(html, "H(π) − H(p̂, q)", Metric(report.ClassPriorEntropy - m.CrossEntropy), Metric((report.ClassPriorEntropy - m.CrossEntropy) / Ln2));
        html.Append("</tbody>\n<thead><tr><th>metric</th><th class=\"num\" colspan=\"2\">value</th></tr></thead>\n<tbody>\n");
        Row2(html, "rows", NumberText.Count(m.RowCount));
        Row2(html, "perplexity exp(H)", Metric(m.Perplexity));
        Row2(html, "accuracy (micro)", Metric(m.Accuracy));
        Row2(html, "macro accuracy", Metric(m.MacroAccuracy));
        Row2(html, $"top-{m.TopK} accuracy", Metric(m.TopKAccuracy));
        Row2(html, "cross-entropy reduction vs class prior", Metric(m.CrossEntropyReduction));
        Row2(html, "expected calibration error (15 bins)", Metric(m.ExpectedCalibrationError));
        Row2(html, "temperature T", report.Model.Calibration.Method == CalibrationMethod.Vector
            ? "none (vector scaling: see The model)"
            : report.Model.Temperature == 1 ? "1 (not calibrated)" : NumberText.Format(report.Model.Temperature, 4));
        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Row3(StringBuilder html, string name, string a, string b) =>
        html.Append("<tr><td>").Append(H(name)).Append("</td><td class=\"num\">").Append(H(a)).Append("</td><td class=\"num\">").Append(H(b)).Append("</td></tr>\n");

    private static void Row2(StringBuilder html, string name, string value) =>
        html.Append("<tr><td>").Append(H(name)).Append("</td><td class=\"num\" colspan=\"2\">").Append(H(value)).Append("</td></tr>\n");

    /// <summary>Rows, accuracy and cross-entropy of each class.</summary>
    private static void PerClass(StringBuilder html, ModelReport report)
    {
        ClassificationMetrics m = report.Metrics;
        IReadOnlyList<string> names = report.Model.ClassNames;
        html.Append("<section id=\"per-class\">\n<h2>Per class</h2>\n<table>\n<thead><tr><th>class</th><th class=\"num\">rows</th><th class=\"num\">accuracy</th>")
            .Append("<th class=\"num\">cross-entropy (nats)</th><th class=\"num\">(bits)</th></tr></thead>\n<tbody>\n");
        for (int c = 0; c < m.ClassCount; c++)
        {
            int rows = RowsOf(m, c);
            html.Append("<tr><td>").Append(H(names[c])).Append("</td><td class=\"num\">").Append(NumberText.Count(rows)).Append("</td><td class=\"num\">")
                .Append(rows == 0 ? "-" : Metric((double)m.Count(c, c) / rows)).Append("</td><td class=\"num\">")
                .Append(rows == 0 ? "-" : Metric(m.PerClassCrossEntropy[c])).Append("</td><td class=\"num\">")
                .Append(rows == 0 ? "-" : Metric(m.PerClassCrossEntropy[c] / Ln2)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    /// <summary>The confusion matrix as a table, each cell shaded by its share of the actual class's rows.</summary>
    private static void Confusion(StringBuilder html, ModelReport report)
    {
        ClassificationMetrics m = report.Metrics;
        IReadOnlyList<string> names = report.Model.ClassNames;
        html.Append("<section id=\"confusion\">\n<h2>Confusion matrix</h2>\n<p class=\"note\">Rows: the actual class; columns: the predicted class (by index). ")
            .Append("The shade is the row's share.</p>\n<div class=\"scroll\"><table class=\"confusion\">\n<thead><tr><th>actual \\ predicted</th>");
        for (int p = 0; p < m.ClassCount; p++) html.Append("<th class=\"num\">").Append(p).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        for (int c = 0; c < m.ClassCount; c++)
        {
            int rows = RowsOf(m, c);
            string name = names[c] == c.ToString(System.Globalization.CultureInfo.InvariantCulture) ? names[c] : $"{c} {names[c]}";
            html.Append("<tr><th>").Append(H(name)).Append("</th>");
            for (int p = 0; p < m.ClassCount; p++)
            {
                int count = m.Count(c, p);
                double share = rows == 0 ? 0 : (double)count / rows;
                string color = c == p ? "36,87,166" : "179,38,30";
                html.Append(count == 0 ? "<td class=\"zero\">" : $"<td style=\"background:rgba({color},{NumberText.Fixed(0.08 + 0.6 * share, 3)})\">")
                    .Append(NumberText.Count(count)).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table></div>\n</section>\n");
    }

    private static int RowsOf(ClassificationMetrics m, int actual) => Enumerable.Range(0, m.ClassCount).Sum(p => m.Count(actual, p));

    /// <summary>The number of rows predicted right: the confusion matrix's diagonal.</summary>
    private static int CorrectRows(ClassificationMetrics m) => Enumerable.Range(0, m.ClassCount).Sum(c => m.Count(c, c));

    /// <summary>A metric as the command line prints it.</summary>
    private static string Metric(double value) => EvaluationReport.Metric(value);

    /// <summary>HTML-escaped text (&lt; &gt; &amp; and both quotes), safe in elements and in quoted attributes.</summary>
    internal static string H(string text) => WebUtility.HtmlEncode(text);
}
