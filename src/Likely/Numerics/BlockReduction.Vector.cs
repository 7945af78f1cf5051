using System.Runtime.CompilerServices;

namespace Likely.Numerics;

internal static partial class BlockReduction
{
    /// <summary>
    /// One block at the width of <typeparamref name="TLanes"/>: a fast loop over the vectors while every entry is ordinary,
    /// the general loop from the first vector that is not, and a scalar tail.
    /// </summary>
    /// <remarks>
    /// The fast loop has no validity check of its own (an ordinary entry is valid), and stops at the first vector that is
    /// not ordinary: subnormals, −0, a model probability of 0 and invalid entries cost a slower block, never a wrong one
    /// (zeros in p stay on the fast path). The two loops are separate methods so that neither holds vectors across a call (which would
    /// spill them on every step). Which loop takes which vector depends only on the data, so results stay deterministic.
    /// </remarks>
    private readonly unsafe struct VectorBlocks<TLanes, TVector> : IBlockKernel
        where TLanes : struct, IDoubleLanes<TVector>
        where TVector : struct
    {
        public static PartialSums Unary<TTerm>(ReadOnlySpan<double> x, double scale)
            where TTerm : IUnaryReductionTerm<TTerm>
        {
            fixed (double* start = x)
            {
                int vectorEnd = x.Length - x.Length % TLanes.Count;
                TVector totals = TLanes.Zero, sums = TLanes.Zero;
                int i = scale == 1
                    ? UnaryOrdinary<TTerm, Unscaled>(start, vectorEnd, scale, ref totals, ref sums)
                    : UnaryOrdinary<TTerm, Scaled>(start, vectorEnd, scale, ref totals, ref sums);
                bool invalid = i < vectorEnd && UnaryGeneral<TTerm>(start, i, vectorEnd, scale, ref totals, ref sums);
                double total = TLanes.Sum(totals), sum = TLanes.Sum(sums);
                for (i = vectorEnd; i < x.Length; i++)
                {
                    sum += x[i];
                    invalid |= !IsValid(x[i]);
                    total += TTerm.Apply(x[i] * scale);
                }

                return new PartialSums(total, sum, 0, invalid);
            }
        }

        public static PartialSums Binary<TTerm>(ReadOnlySpan<double> p, ReadOnlySpan<double> q, double scaleP, double scaleQ)
            where TTerm : IBinaryReductionTerm<TTerm>
        {
            fixed (double* startP = p, startQ = q)
            {
                int vectorEnd = p.Length - p.Length % TLanes.Count;
                TVector totals = TLanes.Zero, sumsP = TLanes.Zero, sumsQ = TLanes.Zero;
                var scales = (P: TLanes.Broadcast(scaleP), Q: TLanes.Broadcast(scaleQ));
                int i = scaleP == 1 && scaleQ == 1
                    ? BinaryOrdinary<TTerm, Unscaled>(startP, startQ, vectorEnd, scales, ref totals, ref sumsP, ref sumsQ)
                    : BinaryOrdinary<TTerm, Scaled>(startP, startQ, vectorEnd, scales, ref totals, ref sumsP, ref sumsQ);
                bool invalid = i < vectorEnd && BinaryGeneral<TTerm>(startP, startQ, i, vectorEnd, scales, ref totals, ref sumsP, ref sumsQ);
                double total = TLanes.Sum(totals), sumP = TLanes.Sum(sumsP), sumQ = TLanes.Sum(sumsQ);
                for (i = vectorEnd; i < p.Length; i++)
                {
                    sumP += p[i];
                    sumQ += q[i];
                    invalid |= !(IsValid(p[i]) && IsValid(q[i]));
                    total += TTerm.Apply(p[i] * scaleP, q[i] * scaleQ);
                }

                return new PartialSums(total, sumP, sumQ, invalid);
            }
        }

        /// <summary>Σ f and Σ x over the vectors from 0 while every one is ordinary; returns where it stopped.</summary>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private static int UnaryOrdinary<TTerm, TScaling>(double* x, int end, double scale, ref TVector totals, ref TVector sums)
            where TTerm : IUnaryReductionTerm<TTerm>
            where TScaling : struct, IScaling
        {
            TVector scaleVector = TLanes.Broadcast(scale), runningTotal = totals, runningSum = sums;
            int i = 0;
            for (; i < end; i += TLanes.Count)
            {
                TVector value = TLanes.Load(x + i);
                if (!TTerm.TryApplyOrdinary<TLanes, TVector>(TScaling.IsScaled ? TLanes.Multiply(value, scaleVector) : value, out TVector term))
                {
                    break;
                }

                runningSum = TLanes.Add(runningSum, value);
                runningTotal = TLanes.Add(runningTotal, term);
            }

            totals = runningTotal;
            sums = runningSum;
            return i;
        }

        /// <summary>Σ f and Σ x over the vectors in [start, end) with the general form; returns whether some entry is invalid.</summary>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private static bool UnaryGeneral<TTerm>(double* x, int start, int end, double scale, ref TVector totals, ref TVector sums)
            where TTerm : IUnaryReductionTerm<TTerm>
        {
            TVector scaleVector = TLanes.Broadcast(scale), runningTotal = totals, runningSum = sums;
            bool valid = true;
            for (int i = start; i < end; i += TLanes.Count)
            {
                TVector value = TLanes.Load(x + i);
                runningSum = TLanes.Add(runningSum, value);
                valid &= TLanes.AllInRange(value, 0, double.PositiveInfinity);
                runningTotal = TLanes.Add(runningTotal, TTerm.Apply<TLanes, TVector>(TLanes.Multiply(value, scaleVector)));
            }

            totals = runningTotal;
            sums = runningSum;
            return !valid;
        }

        /// <summary>The two-span twin of <see cref="UnaryOrdinary{TTerm, TScaling}"/>.</summary>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private static int BinaryOrdinary<TTerm, TScaling>(
            double* p, double* q, int end, (TVector P, TVector Q) scales, ref TVector totals, ref TVector sumsP, ref TVector sumsQ)
            where TTerm : IBinaryReductionTerm<TTerm>
            where TScaling : struct, IScaling
        {
            TVector runningTotal = totals, runningSumP = sumsP, runningSumQ = sumsQ;
            int i = 0;
            for (; i < end; i += TLanes.Count)
            {
                TVector valueP = TLanes.Load(p + i), valueQ = TLanes.Load(q + i);
                TVector scaledP = TScaling.IsScaled ? TLanes.Multiply(valueP, scales.P) : valueP;
                TVector scaledQ = TScaling.IsScaled ? TLanes.Multiply(valueQ, scales.Q) : valueQ;
                if (!TTerm.TryApplyOrdinary<TLanes, TVector>(scaledP, scaledQ, out TVector term))
                {
                    break;
                }

                runningSumP = TLanes.Add(runningSumP, valueP);
                runningSumQ = TLanes.Add(runningSumQ, valueQ);
                runningTotal = TLanes.Add(runningTotal, term);
            }

            totals = runningTotal;
            sumsP = runningSumP;
            sumsQ = runningSumQ;
            return i;
        }

        /// <summary>The two-span twin of <see cref="UnaryGeneral{TTerm}"/>.</summary>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private static bool BinaryGeneral<TTerm>(
            double* p, double* q, int start, int end, (TVector P, TVector Q) scales, ref TVector totals, ref TVector sumsP, ref TVector sumsQ)
            where TTerm : IBinaryReductionTerm<TTerm>
        {
            TVector runningTotal = totals, runningSumP = sumsP, runningSumQ = sumsQ;
            bool valid = true;
            for (int i = start; i < end; i += TLanes.Count)
            {
                TVector valueP = TLanes.Load(p + i), valueQ = TLanes.Load(q + i);
                runningSumP = TLanes.Add(runningSumP, valueP);
                runningSumQ = TLanes.Add(runningSumQ, valueQ);
                valid &= TLanes.AllInRange(valueP, 0, double.PositiveInfinity) & TLanes.AllInRange(valueQ, 0, double.PositiveInfinity);
                runningTotal = TLanes.Add(runningTotal, TTerm.Apply<TLanes, TVector>(TLanes.Multiply(valueP, scales.P), TLanes.Multiply(valueQ, scales.Q)));
            }

            totals = runningTotal;
            sumsP = runningSumP;
            sumsQ = runningSumQ;
            return !valid;
        }
    }

    /// <summary>Whether the fast loop multiplies by the scale: a compile-time choice, so the common unscaled pass (no
    /// normalize) spends no multiply per entry.</summary>
    private interface IScaling
    {
        static abstract bool IsScaled { get; }
    }

    private readonly struct Unscaled : IScaling
    {
        public static bool IsScaled => false;
    }

    private readonly struct Scaled : IScaling
    {
        public static bool IsScaled => true;
    }
}
