namespace Likely.Distributions;

/// <summary>Exact samplers for the standard variates the families build on, all driven by a caller-seeded <see cref="Random"/>.</summary>
internal static class Sampling
{
    /// <summary>A uniform draw in (0, 1): never 0, so logs and inverses stay finite.</summary>
    public static double OpenUniform(Random random)
    {
        double u;
        do
        {
            u = random.NextDouble();
        }
        while (u == 0);
        return u;
    }

    /// <summary>A standard normal draw by Marsaglia's polar method.</summary>
    public static double StandardNormal(Random random)
    {
        double u, v, s;
        do
        {
            u = 2 * random.NextDouble() - 1;
            v = 2 * random.NextDouble() - 1;
            s = u * u + v * v;
        }
        while (s >= 1 || s == 0);
        return u * Math.Sqrt(-2 * Math.Log(s) / s);
    }

    /// <summary>A Gamma(shape, 1) draw by Marsaglia and Tsang (2000); shape &lt; 1 is boosted by U^(1/shape).</summary>
    public static double StandardGamma(Random random, double shape)
    {
        if (shape < 1)
        {
            return StandardGamma(random, shape + 1) * Math.Pow(OpenUniform(random), 1 / shape);
        }

        double d = shape - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double z, v;
            do
            {
                z = StandardNormal(random);
                v = 1 + c * z;
            }
            while (v <= 0);
            v = v * v * v;
            double u = OpenUniform(random);
            if (Math.Log(u) < 0.5 * z * z + d - d * v + d * Math.Log(v))
            {
                return d * v;
            }
        }
    }

    /// <summary>
    /// A Poisson(λ) draw: inversion by sequential search for λ ≤ 30; larger λ is split into independent Poisson(≤ 30)
    /// pieces whose sum is Poisson(λ) exactly (cost O(λ/30)).
    /// </summary>
    public static double Poisson(Random random, double rate)
    {
        double total = 0;
        while (rate > 30)
        {
            total += PoissonSmall(random, 30);
            rate -= 30;
        }

        return total + PoissonSmall(random, rate);
    }

    private static double PoissonSmall(Random random, double rate)
    {
        double u = random.NextDouble();
        double k = 0, probability = Math.Exp(-rate), cumulative = probability;
        while (u > cumulative && probability > 0)
        {
            k++;
            probability *= rate / k;
            cumulative += probability;
        }

        return k;
    }
}
