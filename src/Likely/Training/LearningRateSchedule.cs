namespace Likely.Training;

/// <summary>
/// The learning rate at each optimizer step: a linear warm-up η·(t+1)/W over the first W steps, then the
/// <see cref="ScheduleKind"/> rule.
/// </summary>
/// <param name="Kind">The rule after warm-up.</param>
/// <param name="BaseRate">η &gt; 0.</param>
/// <param name="WarmupSteps">W ≥ 0 steps of linear warm-up.</param>
/// <param name="TotalSteps">T, all steps of training (for the cosine rule).</param>
/// <param name="StepsPerEpoch">Optimizer steps in one epoch (for the step rule).</param>
/// <param name="StepEpochs">s ≥ 1: epochs between decays of the step rule.</param>
/// <param name="StepFactor">γ in (0, 1]: the step rule's factor.</param>
public sealed record LearningRateSchedule(
    ScheduleKind Kind, double BaseRate, int WarmupSteps, int TotalSteps, int StepsPerEpoch, int StepEpochs, double StepFactor)
{
    /// <summary>η_t at zero-based step <paramref name="step"/>.</summary>
    public double Rate(int step)
    {
        if (step < WarmupSteps)
        {
            return BaseRate * (step + 1) / WarmupSteps;
        }

        switch (Kind)
        {
            case ScheduleKind.Step:
                int epoch = step / Math.Max(1, StepsPerEpoch);
                return BaseRate * Math.Pow(StepFactor, epoch / Math.Max(1, StepEpochs));
            case ScheduleKind.Cosine:
                int span = Math.Max(1, TotalSteps - WarmupSteps);
                double progress = Math.Min(1.0, (double)(step - WarmupSteps) / span);
                return BaseRate * 0.5 * (1 + Math.Cos(Math.PI * progress));
            default:
                return BaseRate;
        }
    }
}
