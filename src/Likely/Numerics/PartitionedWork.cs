using System.Collections.Concurrent;
using System.Diagnostics;

namespace Likely.Numerics;

/// <summary>
/// Work cut into a fixed number of parts, run on the calling thread and Likely's worker threads without allocating: the
/// calling thread posts the work once per extra part, then claims and runs parts itself until none is left, and waits
/// for the parts a worker took. A subclass holds the arguments and runs one part.
/// </summary>
/// <remarks>
/// Why not <c>Parallel.For</c>: a training step runs six parallel multiplies, hundreds of times a second, and each
/// <c>Parallel.For</c> allocated about 1.5 KB (options, closure, tasks). Claiming parts with an interlocked counter means
/// that a worker which starts late costs nothing: the calling thread has already run its part and takes the next.
/// The results do not depend on which thread runs which part: a part always covers the same range.
/// Use one instance per calling thread (it is not reentrant).
/// </remarks>
internal abstract class PartitionedWork
{
    /// <summary>A claim counter value no part number reaches.</summary>
    private const int ClosedCounter = 1 << 30;

    private readonly ManualResetEventSlim finished = new(false);
    private int parts, next, remaining;
    private Exception? failure;

    /// <summary>Runs parts 0 … <paramref name="partCount"/> − 1 and returns when all have finished; rethrows the first failure.</summary>
    public void Run(int partCount)
    {
        // A posting left over from an earlier run (every part was taken before a worker got to it) may run at any
        // moment: it must find nothing to claim until this run is set up, so the counter is parked out of range first
        // and reset to 0 last.
        Volatile.Write(ref next, ClosedCounter);
        failure = null;
        Volatile.Write(ref parts, partCount);
        finished.Reset();
        Volatile.Write(ref remaining, partCount);
        Volatile.Write(ref next, 0);
        WorkerThreads.Post(this, partCount - 1);
        RunClaimedParts();
        if (Volatile.Read(ref remaining) != 0)
        {
            finished.Wait();
        }

        if (failure is { } error)
        {
            throw new AggregateException(error);
        }
    }

    /// <summary>Runs part <paramref name="part"/> of the current run.</summary>
    protected abstract void RunPart(int part);

    /// <summary>Claims and runs parts of the current run until none is left.</summary>
    internal void RunClaimedParts()
    {
        int part;
        while ((part = Interlocked.Increment(ref next) - 1) < Volatile.Read(ref parts))
        {
            try
            {
                RunPart(part);
            }
            catch (Exception exception)
            {
                Interlocked.CompareExchange(ref failure, exception, null);
            }
            finally
            {
                if (Interlocked.Decrement(ref remaining) == 0) finished.Set();
            }
        }
    }
}

/// <summary>
/// Likely's worker threads (at most one fewer than the cores): each takes posted work, and after finishing spins for
/// <see cref="SpinMicroseconds"/> before it sleeps.
/// </summary>
/// <remarks>
/// Why spin: a training step alternates parallel multiplies with short serial work (bias, activation, loss, update). A
/// thread-pool worker went to sleep in those gaps and its wake-up cost about what its half of the next multiply saved,
/// so two threads were no faster than one (docs/BENCHMARKS.md, issue 9). Spinning through the gaps is what OpenMP's
/// active wait policy does in PyTorch and OpenBLAS; the cost is a core kept busy for at most that long after the last
/// multiply. The threads are background threads: they never keep the process alive.
/// </remarks>
internal static class WorkerThreads
{
    /// <summary>How long a worker keeps looking for work after finishing some, before it sleeps.</summary>
    internal const int SpinMicroseconds = 300;

    private static readonly ConcurrentQueue<PartitionedWork> Posted = new();
    private static readonly SemaphoreSlim Wake = new(0);
    private static readonly long SpinTicks = Stopwatch.Frequency * SpinMicroseconds / 1_000_000;
    private static readonly Lock StartLock = new();
    private static int started, sleeping;

    /// <summary>Offers <paramref name="work"/> to <paramref name="helpers"/> workers (the calling thread is the other one).</summary>
    public static void Post(PartitionedWork work, int helpers)
    {
        helpers = Math.Min(helpers, Environment.ProcessorCount - 1);
        if (helpers <= 0) return;
        EnsureStarted(helpers);
        for (int i = 0; i < helpers; i++) Posted.Enqueue(work);
        // Enqueue is a full fence, so either a worker about to sleep sees the work, or we see it counted as sleeping.
        int asleep = Volatile.Read(ref sleeping);
        if (asleep > 0) Wake.Release(Math.Min(asleep, helpers));
    }

    private static void EnsureStarted(int helpers)
    {
        if (Volatile.Read(ref started) >= helpers) return;
        lock (StartLock)
        {
            while (started < helpers)
            {
                new Thread(Loop) { IsBackground = true, Name = $"Likely worker {started + 1}" }.Start();
                started++;
            }
        }
    }

    private static void Loop()
    {
        while (true)
        {
            if (Posted.TryDequeue(out PartitionedWork? work))
            {
                work.RunClaimedParts();
                continue;
            }

            long until = Stopwatch.GetTimestamp() + SpinTicks;
            while (Posted.IsEmpty && Stopwatch.GetTimestamp() < until)
            {
                Thread.SpinWait(20);
            }

            if (!Posted.IsEmpty) continue;
            Interlocked.Increment(ref sleeping);
            if (Posted.IsEmpty) Wake.Wait();
            Interlocked.Decrement(ref sleeping);
        }
    }
}
