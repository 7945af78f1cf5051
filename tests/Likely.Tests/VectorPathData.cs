using Likely.Numerics;

namespace Likely.Tests;

/// <summary>The vector paths a kernel test runs on; a path the CPU lacks runs emulated, so every one is tested anywhere.</summary>
public static class VectorPathData
{
    /// <summary>Every path, the scalar reference included.</summary>
    public static TheoryData<VectorPath> EveryPath() => new(VectorPaths.All);

    /// <summary>The three vector paths (for kernels whose scalar path is the oracle itself).</summary>
    public static TheoryData<VectorPath> VectorPathsOnly() => new(VectorPath.Vector128, VectorPath.Vector256, VectorPath.Vector512);
}
