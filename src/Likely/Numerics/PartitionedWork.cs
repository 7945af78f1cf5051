namespace Likely.Numerics;

/// <summary>
/// Work cut into a fixed number of parts, run on the calling thread and thread-pool workers without allocating: the
/// calling thread queues one reusable work item per extra part, then claims and runs parts itself until none is left,
/// and waits for the parts a worker took. A subclass holds the arguments and runs one part.
/// </summary>
/// <remarks>
/// Why not <c>Parallel.For</c>: a training step runs six parallel multiplies, hundreds of times a second, and each
/// <c>Parallel.For</c> allocated about 1.5 KB (options, closure, tasks). Claiming parts with an interlocked counter also
/// means that a worker which starts late (a busy pool) costs nothing: the calling thread has already run its part.
/// The results do not depend on which thread runs which part: a part always covers the same range.
/// Use one instance per calling thread (it is not reentrant).
/// </remarks>
internal abstract class PartitionedWork : IThreadPoolWorkItem
{
    /// <summary>A claim counter value no part number reaches.</summary>
    private const int ClosedCounter = 1 << 30;

    private readonly ManualResetEventSlim finished = new(false);
    private int parts, next, remaining;
    private Exception? failure;

    /// <summary>Runs parts 0 … <paramref name="partCount"/> − 1 and returns when all have finished; rethrows the first failure.</summary>
    public void Run(int partCount)
    {
        // A work item left over from an earlier run (queued, but every part was taken before it started) may run at any
        // moment: it must find nothing to claim until this run is set up, so the counter is parked out of range first
        // and reset to 0 last.
        Volatile.Write(ref next, ClosedCounter);
        failure = null;
        Volatile.Write(ref parts, partCount);
        finished.Reset();
        Volatile.Write(ref remaining, partCount);
        Volatile.Write(ref next, 0);
        for (int i = 1; i < partCount; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

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

    void IThreadPoolWorkItem.Execute() => RunClaimedParts();

    private void RunClaimedParts()
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
