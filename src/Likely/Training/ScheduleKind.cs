namespace Likely.Training;

/// <summary>How the learning rate η_t changes over training, after an optional linear warm-up.</summary>
public enum ScheduleKind
{
    /// <summary>η_t = η.</summary>
    Constant,

    /// <summary>η_t = η·γ^⌊epoch/s⌋: multiplied by γ every s epochs.</summary>
    Step,

    /// <summary>η_t = η·½(1 + cos(π·t/T)) over the T steps after warm-up (down to 0 at the end).</summary>
    Cosine,
}
