namespace Likely.Data;

/// <summary>One named float32 tensor of a safetensors file: its shape and its values in row-major (C) order.</summary>
/// <param name="Name">The tensor's name, unique in its file (for example "layers.0.weight").</param>
/// <param name="Shape">The size of each dimension; [] is a scalar. The product of the sizes is <c>Data.Length</c>.</param>
/// <param name="Data">The values, row-major.</param>
public sealed record SafetensorsTensor(string Name, int[] Shape, float[] Data);
