namespace Likely.Models;

/// <summary>The element-wise non-linearity between the dense layers of a <see cref="MultilayerPerceptron"/>.</summary>
public enum Activation
{
    /// <summary>ReLU(x) = max(0, x); derivative 1 for x &gt; 0, else 0 (0 at the kink, as PyTorch).</summary>
    Relu,

    /// <summary>Leaky ReLU(x) = x for x &gt; 0, else 0.01·x (PyTorch's default slope).</summary>
    LeakyRelu,

    /// <summary>tanh(x) = (eˣ − e⁻ˣ)/(eˣ + e⁻ˣ); derivative 1 − tanh²(x).</summary>
    Tanh,

    /// <summary>σ(x) = 1/(1 + e⁻ˣ); derivative σ(x)·(1 − σ(x)).</summary>
    Sigmoid,

    /// <summary>GELU(x) = x·Φ(x) = ½·x·(1 + erf(x/√2)), the exact form (PyTorch's default); derivative Φ(x) + x·φ(x).</summary>
    Gelu,
}
