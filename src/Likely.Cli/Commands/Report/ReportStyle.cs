namespace Likely.Cli.Commands.Report;

/// <summary>
/// The report's one style sheet, inlined in its <c>&lt;style&gt;</c>: system fonts only (nothing is fetched), tabular
/// figures for numbers, a readable measure, and a print layout without backgrounds or split tables.
/// </summary>
internal static class ReportStyle
{
    /// <summary>The CSS.</summary>
    public const string Css = """
        :root {
          --ink: #1d2330; --muted: #5b6475; --rule: #dfe3ea; --paper: #ffffff; --wash: #f5f7fa;
          --accent: #2457a6; --good: #1f7a4d; --bad: #b3261e;
          --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
          --mono: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace;
        }
        * { box-sizing: border-box; }
        html { background: var(--wash); }
        body { margin: 0; color: var(--ink); font: 15px/1.55 var(--sans); font-variant-numeric: tabular-nums; }
        main { max-width: 1080px; margin: 2rem auto; padding: 2.5rem 3rem; background: var(--paper);
          border: 1px solid var(--rule); border-radius: 10px; }
        header { border-bottom: 2px solid var(--ink); padding-bottom: 1rem; margin-bottom: 1.5rem; }
        .kicker { margin: 0; color: var(--accent); font-size: .8rem; font-weight: 600; letter-spacing: .08em; text-transform: uppercase; }
        h1 { margin: .25rem 0 .35rem; font-size: 1.7rem; line-height: 1.2; font-weight: 650; }
        h2 { margin: 2.25rem 0 .75rem; font-size: 1.2rem; font-weight: 650; border-bottom: 1px solid var(--rule); padding-bottom: .3rem; }
        h3 { margin: 1.25rem 0 .5rem; font-size: 1rem; font-weight: 600; }
        p { margin: .5rem 0; max-width: 76ch; }
        .sub { color: var(--muted); margin: 0; }
        code, .mono { font-family: var(--mono); font-size: .88em; }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: .9rem; margin: 1.25rem 0 .5rem; }
        .card { border: 1px solid var(--rule); border-radius: 8px; padding: .8rem 1rem; background: var(--wash); }
        .card .label { color: var(--muted); font-size: .8rem; }
        .card .value { font-size: 1.6rem; font-weight: 650; line-height: 1.25; }
        .card .note { color: var(--muted); font-size: .8rem; }
        table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9rem; }
        th, td { padding: .3rem .75rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: middle; }
        th { font-weight: 600; color: var(--muted); border-bottom: 1px solid var(--ink); }
        td.num, th.num { text-align: right; }
        tbody tr:hover { background: var(--wash); }
        .ledger { list-style: none; padding: 0; margin: .5rem 0; counter-reset: step; }
        .ledger li { position: relative; padding: .55rem 0 .55rem 2.4rem; border-bottom: 1px dashed var(--rule); max-width: 90ch; }
        .ledger li::before { counter-increment: step; content: counter(step); position: absolute; left: 0; top: .55rem;
          width: 1.6rem; height: 1.6rem; border-radius: 50%; background: var(--accent); color: #fff;
          font-size: .8rem; font-weight: 600; text-align: center; line-height: 1.6rem; }
        .eq { display: block; font-family: var(--mono); font-size: .9rem; margin-top: .2rem; color: var(--ink); }
        .bar { display: inline-block; height: .55rem; background: var(--accent); border-radius: 2px; vertical-align: middle; }
        .bar.prior { background: #9aa3b2; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1.25rem; margin: .5rem 0; }
        dl.facts dt { color: var(--muted); }
        dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        dl.options { grid-template-columns: repeat(3, max-content minmax(6rem, 1fr)); gap: .2rem 1rem; font-size: .9rem; }
        dl.options dt code { color: var(--ink); }
        tbody th { font-weight: 500; color: var(--ink); border-bottom-color: var(--rule); white-space: nowrap; }
        .wrong { color: var(--bad); font-weight: 600; }
        .right { color: var(--good); font-weight: 600; }
        .confusion td { text-align: right; min-width: 2.6rem; }
        .confusion td.zero { color: #b8bfcc; }
        .scroll { overflow-x: auto; }
        figure { margin: 1rem 0 1.5rem; break-inside: avoid; }
        figure svg { max-width: 100%; height: auto; display: block; }
        figcaption { color: var(--muted); font-size: .9rem; margin-bottom: .35rem; font-weight: 600; }
        img.example { width: 56px; height: 56px; image-rendering: pixelated; border: 1px solid var(--rule); display: block; }
        .note { color: var(--muted); font-size: .88rem; }
        footer { margin-top: 2.5rem; padding-top: .75rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: .8rem; }
        @media (max-width: 720px) { main { margin: 0; padding: 1.25rem; border: 0; border-radius: 0; }
          dl.options { grid-template-columns: max-content 1fr; } }
        @media print {
          html, .card { background: none; }
          body { font-size: 10.5pt; }
          main { margin: 0; padding: 0; border: 0; max-width: none; }
          h2 { break-after: avoid; }
          table, figure, .ledger li, .card { break-inside: avoid; }
          tbody tr:hover { background: none; }
          .ledger li::before { background: none; color: var(--ink); border: 1px solid var(--ink); }
        }
        """;
}
