namespace Likely.Training;

/// <summary>The update rule that turns gradients into weight changes (PyTorch's semantics for each).</summary>
public enum OptimizerKind
{
    /// <summary>
    /// Stochastic gradient descent with momentum μ: v ← μ·v + g; w ← w − η·v, or with Nesterov w ← w − η·(g + μ·v).
    /// Weight decay λ is L2: g ← g + λ·w.
    /// </summary>
    Sgd,

    /// <summary>
    /// Adam: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², w ← w − η·m̂/(√v̂ + ε) with bias-corrected m̂, v̂.
    /// Weight decay λ is L2 (coupled): g ← g + λ·w.
    /// </summary>
    Adam,

    /// <summary>Adam with decoupled weight decay (Loshchilov–Hutter): w ← w·(1 − η·λ) before the Adam step.</summary>
    AdamW,
}
