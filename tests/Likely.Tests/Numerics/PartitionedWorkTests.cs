using Likely.Numerics;

namespace Likely.Tests.Numerics;

public class PartitionedWorkTests
{
    private sealed class Recorder : PartitionedWork
    {
        public int[] Runs = new int[64];

        protected override void RunPart(int part)
        {
            Interlocked.Increment(ref Runs[part]);
            if (part % 3 == 0) Thread.SpinWait(2000); // uneven parts, so workers and the caller interleave
        }
    }

    private sealed class Failing : PartitionedWork
    {
        protected override void RunPart(int part)
        {
            if (part == 2) throw new InvalidOperationException("part 2 failed");
        }
    }

    [Fact]
    public void Run_ManyRunsOfChangingSize_EveryPartExactlyOnce()
    {
        // Runs of 1 to 8 parts back to back on one instance, so work items left over from one run meet the next.
        var work = new Recorder();
        for (int run = 0; run < 2000; run++)
        {
            int parts = 1 + run % 8;
            Array.Clear(work.Runs);
            work.Run(parts);
            for (int part = 0; part < parts; part++) Assert.Equal(1, work.Runs[part]);
            for (int part = parts; part < work.Runs.Length; part++) Assert.Equal(0, work.Runs[part]);
        }
    }

    [Fact]
    public void Run_PartThrows_RethrowsAfterAllParts()
    {
        var exception = Assert.Throws<AggregateException>(() => new Failing().Run(4));
        Assert.Equal("part 2 failed", exception.InnerException!.Message);
    }
}
