namespace Likely.Data;

/// <summary>What a safetensors file holds: its tensors, in header order, and its string-to-string metadata.</summary>
/// <param name="Tensors">The tensors.</param>
/// <param name="Metadata">The "__metadata__" entries (empty when the file has none).</param>
public sealed record SafetensorsContent(IReadOnlyList<SafetensorsTensor> Tensors, IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>The tensor named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No tensor has that name; the message lists the names there are.</exception>
    public SafetensorsTensor this[string name] =>
        Tensors.FirstOrDefault(t => t.Name == name)
        ?? throw new KeyNotFoundException($"The file has no tensor '{name}'; its tensors are: {string.Join(", ", Tensors.Select(t => t.Name))}.");
}
