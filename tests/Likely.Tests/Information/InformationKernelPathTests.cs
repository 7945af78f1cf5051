using Likely.Information;
using Likely.Numerics;

namespace Likely.Tests.Information;

/// <summary>
/// The information reductions (H, cross-entropy, KL, Jensen–Shannon, and the validate-only and plain sums) on every
/// vector path (a width this CPU lacks runs emulated) against the scalar references: <c>Entropy.ComputeScalar</c>,
/// <c>CrossEntropy.ComputeScalar</c>, <c>KullbackLeiblerDivergence.ComputeScalar</c> and
/// <c>JensenShannonDivergence.ComputeScalar</c>, plain loops over Math.Log straight from the formulas that share no
/// arithmetic with the vector kernels. Lengths sweep 0..300, so inputs shorter than one vector (2, 4 or 16 entries),
/// every tail and several blocks all run.
/// </summary>
/// <remarks>
/// Tolerance: each vector term is within about 3 roundings of the scalar one (the log within 1 ulp, 2 without FMA, then
/// a product), and the two sums, in different orders, each err by at most n·ε·Σ|f|; so |vector − scalar| ≤
/// (2n + 10)·ε·Σ|fᵢ| ≤ 1.4e-13·Σ|fᵢ| for n ≤ 300, and 2e-13·Σ|fᵢ| is asserted, Σ|fᵢ| taken from the scalar terms.
/// </remarks>
[Trait("Category", "Kernel")]
public class InformationKernelPathTests
{
    [Theory]
    [MemberData(nameof(VectorPathData.EveryPath), MemberType = typeof(VectorPathData))]
    public void Reduce_EveryLengthUpTo300_MatchesScalarReference(VectorPath path)
    {
        var random = new Random(300);
        for (int n = 0; n <= 300; n++)
        {
            // Entries spanning six orders of magnitude; every fifth length has zeros in p and q (the fast paths keep zero
            // weights), every seventh a subnormal (which sends its vector down the general path).
            double[] p = Entries(random, n), q = Entries(random, n);
            if (n % 5 == 0)
            {
                for (int i = 0; i < n; i += 3) p[i] = 0;
                for (int i = 1; i < n; i += 4) q[i] = 0;
                for (int i = 1; i < n; i += 12) p[i] = 0; // p = q = 0 in some entries
            }

            if (n % 7 == 0 && n > 0)
            {
                p[random.Next(n)] = 3e-310;
            }

            double[] qPositive = q.Select(v => v == 0 ? 1e-3 : v).ToArray();
            AssertClose(Entropy.ComputeScalar(p), -BlockReduction.Reduce<Entropy.Term>(p, 1, path).Total, p.Select(v => Entropy.Term.Apply(v)), $"H, n = {n}");
            AssertClose(CrossEntropy.ComputeScalar(p, qPositive), -BlockReduction.Reduce<CrossEntropy.Term>(p, qPositive, 1, 1, path).Total,
                p.Select((v, i) => CrossEntropy.Term.Apply(v, qPositive[i])), $"H(p, q), n = {n}");
            AssertClose(KullbackLeiblerDivergence.ComputeScalar(p, qPositive), BlockReduction.Reduce<KullbackLeiblerDivergence.Term>(p, qPositive, 1, 1, path).Total,
                p.Select((v, i) => KullbackLeiblerDivergence.Term.Apply(v, qPositive[i])), $"D(p‖q), n = {n}");
            AssertClose(JensenShannonDivergence.ComputeScalar(p, q), BlockReduction.Reduce<JensenShannonDivergence.Term>(p, q, 1, 1, path).Total,
                p.Select((v, i) => JensenShannonDivergence.Term.Apply(v, q[i])), $"JS, n = {n}");
        }
    }

    [Theory]
    [MemberData(nameof(VectorPathData.EveryPath), MemberType = typeof(VectorPathData))]
    public void Reduce_ScaledEntries_MatchScalarReferenceOfScaledVector(VectorPath path)
    {
        // The scale (1/Σw of normalize) is applied inside the pass: the expected value is the reference on w·scale.
        var random = new Random(7);
        double[] w = Entries(random, 203), v = Entries(random, 203);
        double scaleW = 1 / w.Sum(), scaleV = 1 / v.Sum();
        double[] p = w.Select(x => x * scaleW).ToArray(), q = v.Select(x => x * scaleV).ToArray();
        AssertClose(Entropy.ComputeScalar(p), -BlockReduction.Reduce<Entropy.Term>(w, scaleW, path).Total, p.Select(x => Entropy.Term.Apply(x)), "H");
        AssertClose(KullbackLeiblerDivergence.ComputeScalar(p, q), BlockReduction.Reduce<KullbackLeiblerDivergence.Term>(w, v, scaleW, scaleV, path).Total,
            p.Select((x, i) => KullbackLeiblerDivergence.Term.Apply(x, q[i])), "D(p‖q)");
    }

    [Theory]
    [MemberData(nameof(VectorPathData.EveryPath), MemberType = typeof(VectorPathData))]
    public void Reduce_ModelZeroWhereTruePositive_IsInfinite(VectorPath path)
    {
        // Documented conventions: H(p, q) = +∞ and D(p‖q) = +∞ where q = 0 < p, at every position (vector part and tail).
        for (int position = 0; position < 37; position++)
        {
            double[] p = Enumerable.Repeat(1.0 / 37, 37).ToArray(), q = Enumerable.Repeat(1.0 / 36, 37).ToArray();
            q[position] = 0;
            Assert.Equal(double.NegativeInfinity, BlockReduction.Reduce<CrossEntropy.Term>(p, q, 1, 1, path).Total);
            Assert.Equal(double.PositiveInfinity, BlockReduction.Reduce<KullbackLeiblerDivergence.Term>(p, q, 1, 1, path).Total);
        }
    }

    [Theory]
    [MemberData(nameof(VectorPathData.EveryPath), MemberType = typeof(VectorPathData))]
    public void Reduce_InvalidEntryAtAnyPosition_IsReported(VectorPath path)
    {
        // A negative, NaN or infinite entry in p or in q, in the vector part or the tail, on the fast or the general path.
        double[] invalidValues = [-1e-300, -1, double.NaN, double.PositiveInfinity, double.NegativeInfinity];
        for (int position = 0; position < 37; position++)
        {
            foreach (double invalid in invalidValues)
            {
                double[] good = Enumerable.Repeat(1.0 / 37, 37).ToArray(), bad = (double[])good.Clone();
                bad[position] = invalid;
                string context = $"{invalid} at {position}";
                Assert.True(BlockReduction.Reduce<ZeroTerm>(bad, 1, path).HasInvalidEntry, context);
                Assert.True(BlockReduction.Reduce<IdentityTerm>(bad, 1, path).HasInvalidEntry, context);
                Assert.True(BlockReduction.Reduce<Entropy.Term>(bad, 1, path).HasInvalidEntry, context);
                Assert.True(BlockReduction.Reduce<ZeroTerm>(good, bad, 1, 1, path).HasInvalidEntry, context);
                Assert.True(BlockReduction.Reduce<CrossEntropy.Term>(bad, good, 1, 1, path).HasInvalidEntry, context);
                Assert.True(BlockReduction.Reduce<CrossEntropy.Term>(good, bad, 1, 1, path).HasInvalidEntry, context);
                Assert.True(BlockReduction.Reduce<KullbackLeiblerDivergence.Term>(bad, good, 1, 1, path).HasInvalidEntry, context);
                Assert.True(BlockReduction.Reduce<KullbackLeiblerDivergence.Term>(good, bad, 1, 1, path).HasInvalidEntry, context);
                Assert.True(BlockReduction.Reduce<JensenShannonDivergence.Term>(good, bad, 1, 1, path).HasInvalidEntry, context);
            }
        }
    }

    [Theory]
    [MemberData(nameof(VectorPathData.EveryPath), MemberType = typeof(VectorPathData))]
    public void Reduce_ZerosSubnormalsAndNegativeZero_AreValid(VectorPath path)
    {
        // −0, 0 and subnormals are finite and ≥ 0: valid, and 0·log 0 = 0 (the reference agrees exactly on these).
        double[] p = [0.5, -0.0, 0, 5e-324, 0.25, 1e-310, 0.25, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        ReductionResult result = BlockReduction.Reduce<Entropy.Term>(p, 1, path);
        Assert.False(result.HasInvalidEntry);
        Assert.Equal(Entropy.ComputeScalar(p), -result.Total, 1e-16);
        Assert.False(BlockReduction.Reduce<KullbackLeiblerDivergence.Term>(p, p, 1, 1, path).HasInvalidEntry);
    }

    [Theory]
    [MemberData(nameof(VectorPathData.EveryPath), MemberType = typeof(VectorPathData))]
    public void Reduce_Float32Input_SameBitsAsWidenedFloat64(VectorPath path)
    {
        // float32 input is widened exactly, then runs the float64 pass: identical bits.
        var random = new Random(32);
        float[] p = Entries(random, 2100).Select(v => (float)v).ToArray(), q = Entries(random, 2100).Select(v => (float)v).ToArray();
        double[] wideP = p.Select(v => (double)v).ToArray(), wideQ = q.Select(v => (double)v).ToArray();
        Assert.Equal(BlockReduction.Reduce<Entropy.Term>(wideP, 0.5, path), BlockReduction.Reduce<Entropy.Term>(p, 0.5, path));
        Assert.Equal(BlockReduction.Reduce<KullbackLeiblerDivergence.Term>(wideP, wideQ, 1, 2, path), BlockReduction.Reduce<KullbackLeiblerDivergence.Term>(p, q, 1, 2, path));
    }

    [Theory]
    [MemberData(nameof(VectorPathData.EveryPath), MemberType = typeof(VectorPathData))]
    public void Compute_OneMillionEntries_WithinOneInATrillionOfCompensatedOracle(VectorPath path)
    {
        // The long-vector requirement on each path (LongVectorAccuracyTests holds it at 10M on the default path): the
        // oracle sums the scalar terms (Math.Log) with Neumaier compensation, written here independently of the library.
        // One million entries span 16 chunks, so the parallel pass and the compensated chunk combination run too.
        const int Length = 1_000_000;
        var random = new Random(Length);
        double[] p = new double[Length], q = new double[Length];
        for (int i = 0; i < Length; i++)
        {
            p[i] = Math.Pow(10, -6 * random.NextDouble());
            q[i] = Math.Pow(10, -6 * random.NextDouble());
        }

        ProbabilityVector.Normalize(p, p);
        ProbabilityVector.Normalize(q, q);
        Assert.Equal(1.0, -BlockReduction.Reduce<Entropy.Term>(p, 1, path).Total / -CompensatedSum(p.Select(x => x * Math.Log(x))), 1e-12);
        Assert.Equal(1.0, -BlockReduction.Reduce<CrossEntropy.Term>(p, q, 1, 1, path).Total / -CompensatedSum(p.Select((x, i) => x * Math.Log(q[i]))), 1e-12);
        Assert.Equal(1.0, BlockReduction.Reduce<KullbackLeiblerDivergence.Term>(p, q, 1, 1, path).Total / CompensatedSum(p.Select((x, i) => x * Math.Log(x / q[i]))), 1e-12);
    }

    [Theory]
    [MemberData(nameof(VectorPathData.EveryPath), MemberType = typeof(VectorPathData))]
    public void Reduce_ParallelPass_SameBitsAsChunkByChunkSerialPass(VectorPath path)
    {
        // Determinism across thread counts: the whole vector (parallel on a multi-core machine) against its fixed chunks
        // reduced one at a time (each below the parallel threshold, so on one thread) and combined in chunk order with
        // the same compensated sum: identical bits.
        var random = new Random(64);
        int length = 5 * BlockReduction.ChunkLength + 777;
        double[] p = Entries(random, length), q = Entries(random, length);
        ReductionResult whole = BlockReduction.Reduce<KullbackLeiblerDivergence.Term>(p, q, 1, 1, path);
        NeumaierSum total = default, sumP = default, sumQ = default;
        for (int start = 0; start < length; start += BlockReduction.ChunkLength)
        {
            int chunk = Math.Min(BlockReduction.ChunkLength, length - start);
            ReductionResult part = BlockReduction.Reduce<KullbackLeiblerDivergence.Term>(p.AsSpan(start, chunk), q.AsSpan(start, chunk), 1, 1, path);
            total.Add(part.Total);
            sumP.Add(part.SumX);
            sumQ.Add(part.SumY);
        }

        Assert.Equal(new ReductionResult(total.Value, sumP.Value, sumQ.Value, false), whole);
    }

    /// <summary>n entries 10^u with u uniform in [−6, 0].</summary>
    private static double[] Entries(Random random, int n) => Enumerable.Range(0, n).Select(_ => Math.Pow(10, -6 * random.NextDouble())).ToArray();

    private static void AssertClose(double expected, double actual, IEnumerable<double> terms, string context)
    {
        double tolerance = 2e-13 * terms.Sum(Math.Abs);
        Assert.True(Math.Abs(actual - expected) <= tolerance, $"{context}: {actual:R} vs the scalar reference {expected:R} (tolerance {tolerance:G3})");
    }

    private static double CompensatedSum(IEnumerable<double> terms)
    {
        double sum = 0, compensation = 0;
        foreach (double x in terms)
        {
            double t = sum + x;
            compensation += Math.Abs(sum) >= Math.Abs(x) ? (sum - t) + x : (x - t) + sum;
            sum = t;
        }

        return sum + compensation;
    }
}
