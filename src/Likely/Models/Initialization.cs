namespace Likely.Models;

/// <summary>How the weights of a new network are drawn (biases start at 0 except with <see cref="Uniform"/>).</summary>
public enum Initialization
{
    /// <summary>He (Kaiming) normal: W ~ N(0, 2/I), suited to ReLU-like activations (I = inputs of the layer).</summary>
    He,

    /// <summary>Xavier (Glorot) uniform: W ~ U(−a, a) with a = √(6/(I + O)), suited to tanh and sigmoid.</summary>
    Xavier,

    /// <summary>
    /// PyTorch's <c>nn.Linear</c> default (Kaiming uniform with a = √5): W ~ U(−1/√I, 1/√I) and b ~ U(−1/√I, 1/√I).
    /// </summary>
    Uniform,
}
