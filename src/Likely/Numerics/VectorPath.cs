using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Likely.Numerics;

/// <summary>
/// The register width a kernel runs at: the scalar reference, or 128-, 256- or 512-bit vectors.
/// </summary>
/// <remarks>
/// Every hot kernel has one implementation per path and picks it from <see cref="VectorPaths.Current"/>, chosen once at
/// start-up. For a given path results are bit-identical whatever the thread count; across paths they may differ in the
/// last bits (a wider vector sums in a different order), within the tolerances the tests derive against the scalar
/// reference.
/// </remarks>
public enum VectorPath
{
    /// <summary>Plain scalar code: the reference every vector path is tested against.</summary>
    Scalar,

    /// <summary>128-bit vectors (SSE on x86-64, AdvSIMD on ARM64).</summary>
    Vector128,

    /// <summary>256-bit vectors with fused multiply-add (AVX2 + FMA).</summary>
    Vector256,

    /// <summary>512-bit vectors (AVX-512).</summary>
    Vector512,
}

/// <summary>Which <see cref="VectorPath"/> this process runs, and what it means on this CPU.</summary>
public static class VectorPaths
{
    /// <summary>The environment variable that forces a narrower path (for measuring and testing): scalar, vector128,
    /// vector256 or vector512.</summary>
    public const string EnvironmentVariable = "LIKELY_VECTOR_PATH";

    /// <summary>The widest path this CPU runs in hardware (a 256-bit path also needs FMA on x86-64).</summary>
    public static VectorPath Best { get; } = DetectBest();

    /// <summary>
    /// The path every kernel uses: <see cref="Best"/>, or the path named by <see cref="EnvironmentVariable"/> when it is
    /// set to a valid name no wider than <see cref="Best"/>. Chosen once, when first read.
    /// </summary>
    public static VectorPath Current { get; } = Parse(Environment.GetEnvironmentVariable(EnvironmentVariable), out _);

    /// <summary>Every path, narrowest first.</summary>
    public static IReadOnlyList<VectorPath> All { get; } = [VectorPath.Scalar, VectorPath.Vector128, VectorPath.Vector256, VectorPath.Vector512];

    /// <summary>
    /// Reads a value of <see cref="EnvironmentVariable"/>: null or empty gives <see cref="Best"/>; a valid name no wider
    /// than <see cref="Best"/> gives that path. Anything else gives <see cref="Best"/> and a <paramref name="problem"/>
    /// that says what was wrong and what to do.
    /// </summary>
    public static VectorPath Parse(string? requested, out string? problem) => Parse(requested, Best, out problem);

    /// <summary><see cref="Parse(string?, out string?)"/> for a CPU whose widest path is <paramref name="best"/>.</summary>
    internal static VectorPath Parse(string? requested, VectorPath best, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(requested)) return best;
        VectorPath? path = requested.Trim().ToLowerInvariant() switch
        {
            "scalar" => VectorPath.Scalar,
            "vector128" or "128" => VectorPath.Vector128,
            "vector256" or "256" => VectorPath.Vector256,
            "vector512" or "512" => VectorPath.Vector512,
            _ => null,
        };
        if (path is null)
        {
            problem = $"{EnvironmentVariable}='{requested}' is not a vector path; set it to scalar, vector128, vector256 or vector512, or unset it.";
            return best;
        }

        if (path > best)
        {
            problem = $"{EnvironmentVariable}={requested} is wider than this CPU runs in hardware ({Name(best)}); set it to {best.ToString().ToLowerInvariant()} or narrower, or unset it.";
            return best;
        }

        return path.Value;
    }

    /// <summary>The instruction set behind a path on this CPU, for reports ("AVX-512", "AVX2 + FMA", "SSE4.2", "AdvSIMD", "scalar").</summary>
    public static string Name(VectorPath path) => path switch
    {
        VectorPath.Vector512 => "AVX-512",
        VectorPath.Vector256 => "AVX2 + FMA",
        VectorPath.Vector128 when AdvSimd.IsSupported => "AdvSIMD",
        VectorPath.Vector128 when Sse42.IsSupported => "SSE4.2",
        VectorPath.Vector128 => "SSE2",
        _ => "scalar",
    };

    /// <summary>Whether the CPU runs a path in hardware (a path it lacks still runs, emulated and slowly: the tests use that).</summary>
    public static bool IsAccelerated(VectorPath path) => path <= Best;

    private static VectorPath DetectBest()
    {
        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported) return VectorPath.Vector512;
        if (Vector256.IsHardwareAccelerated && Fma.IsSupported) return VectorPath.Vector256;
        if (Vector128.IsHardwareAccelerated) return VectorPath.Vector128;
        return VectorPath.Scalar;
    }
}
