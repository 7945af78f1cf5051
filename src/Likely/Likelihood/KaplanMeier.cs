namespace Likely.Likelihood;

/// <summary>
/// The Kaplan–Meier (product-limit) estimate of a survival function from right-censored data:
/// Ŝ(x) = Π over event times tⱼ ≤ x of (1 − dⱼ/nⱼ), where dⱼ rows fail at tⱼ and nⱼ rows are still at risk there
/// (their value, event or censoring time, is ≥ tⱼ). It is the nonparametric maximum-likelihood estimate of S under
/// independent censoring, and with no censored row it is one minus the empirical CDF.
/// </summary>
/// <remarks>
/// <para>
/// Ties: a row censored at an event time tⱼ counts as at risk at tⱼ (censoring is taken to happen just after the
/// events), the usual convention (Kaplan and Meier 1958; R's survfit, SciPy's <c>ecdf</c>).
/// </para>
/// <para>
/// Ŝ is a right-continuous step function, 1 before the first event time and constant after the last. When the largest
/// value is censored, Ŝ stays above 0 there: the estimate says nothing of how that last mass is spread beyond it, and
/// <see cref="Sample"/> returns +∞ for it.
/// </para>
/// <para>
/// <see cref="Censoring"/> is the reverse Kaplan–Meier estimate: the same estimator with the roles swapped (a censored
/// row is the "event", an observed failure hides the censoring time), giving the distribution of the censoring times.
/// </para>
/// </remarks>
public sealed class KaplanMeier
{
    private readonly double[] times;
    private readonly double[] survival;
    private readonly int[] atRisk;
    private readonly int[] events;

    private KaplanMeier(double[] times, double[] survival, int[] atRisk, int[] events, int observationCount)
    {
        this.times = times;
        this.survival = survival;
        this.atRisk = atRisk;
        this.events = events;
        ObservationCount = observationCount;
    }

    /// <summary>N, the rows the estimate was made from, events and censored together.</summary>
    public int ObservationCount { get; }

    /// <summary>The distinct event times t₁ &lt; t₂ &lt; …, in increasing order.</summary>
    public IReadOnlyList<double> Times => times;

    /// <summary>Ŝ(tⱼ), the estimate just after each event time (non-increasing, in [0, 1]).</summary>
    public IReadOnlyList<double> Survival => survival;

    /// <summary>nⱼ, the rows at risk at each event time (value ≥ tⱼ).</summary>
    public IReadOnlyList<int> AtRisk => atRisk;

    /// <summary>dⱼ, the events at each event time.</summary>
    public IReadOnlyList<int> Events => events;

    /// <summary>The estimate from <paramref name="values"/>, where <paramref name="censored"/>[i] marks value i as right-censored (a lower bound).</summary>
    /// <param name="values">Every row's time: the event's, or the last time a censored row was seen. Finite.</param>
    /// <param name="censored">True where the row is right-censored; the same length as <paramref name="values"/>.</param>
    /// <exception cref="ArgumentException">No rows, the lengths differ, or a value is NaN or infinite.</exception>
    public static KaplanMeier Estimate(ReadOnlySpan<double> values, ReadOnlySpan<bool> censored)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("No rows were given; the Kaplan–Meier estimate needs at least one.", nameof(values));
        }

        if (values.Length != censored.Length)
        {
            throw new ArgumentException($"{values.Length} values but {censored.Length} censoring flags; give one flag per value.", nameof(censored));
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"values[{i}] is {values[i]}; the Kaplan–Meier estimate needs finite times.", nameof(values));
            }
        }

        int n = values.Length;
        int[] order = Enumerable.Range(0, n).ToArray();
        double[] keys = values.ToArray();
        Array.Sort(keys, order);
        var times = new List<double>();
        var survival = new List<double>();
        var atRisk = new List<int>();
        var events = new List<int>();
        double s = 1;
        int i0 = 0;
        while (i0 < n)
        {
            int i1 = i0, deaths = 0;
            while (i1 < n && keys[i1] == keys[i0])
            {
                deaths += censored[order[i1]] ? 0 : 1;
                i1++;
            }

            if (deaths > 0)
            {
                int risk = n - i0;
                s *= 1 - deaths / (double)risk;
                times.Add(keys[i0]);
                survival.Add(s);
                atRisk.Add(risk);
                events.Add(deaths);
            }

            i0 = i1;
        }

        return new KaplanMeier([.. times], [.. survival], [.. atRisk], [.. events], n);
    }

    /// <summary>The reverse Kaplan–Meier estimate: the survival function of the censoring times (censored rows are its events).</summary>
    /// <exception cref="ArgumentException">As <see cref="Estimate"/>.</exception>
    public static KaplanMeier Censoring(ReadOnlySpan<double> values, ReadOnlySpan<bool> censored)
    {
        bool[] swapped = new bool[censored.Length];
        for (int i = 0; i < swapped.Length; i++)
        {
            swapped[i] = !censored[i];
        }

        return Estimate(values, swapped);
    }

    /// <summary>Ŝ(x) = Π_{tⱼ ≤ x} (1 − dⱼ/nⱼ): 1 before the first event time, right-continuous.</summary>
    public double SurvivalAt(double x)
    {
        int j = LastAtOrBelow(x);
        return j < 0 ? 1 : survival[j];
    }

    /// <summary>F̂(x) = 1 − Ŝ(x), the estimated probability of an event at or before x.</summary>
    public double Cdf(double x) => 1 - SurvivalAt(x);

    /// <summary>
    /// One draw from the estimated distribution by inversion: the first event time tⱼ with F̂(tⱼ) ≥ u for u uniform on
    /// [0, 1); +∞ when u falls in the mass Ŝ(t_last) the estimate leaves beyond its last event time.
    /// </summary>
    public double Sample(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double u = random.NextDouble();
        // F̂(tⱼ) ≥ u ⇔ Ŝ(tⱼ) ≤ 1 − u; Ŝ is non-increasing, so search for the first such j.
        double target = 1 - u;
        int lo = 0, hi = survival.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (survival[mid] <= target) hi = mid;
            else lo = mid + 1;
        }

        return lo < survival.Length ? times[lo] : double.PositiveInfinity;
    }

    /// <summary>The index of the last event time ≤ x, or −1.</summary>
    private int LastAtOrBelow(double x)
    {
        int lo = 0, hi = times.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (times[mid] <= x) lo = mid + 1;
            else hi = mid;
        }

        return lo - 1;
    }
}
