namespace Likely.Training;

/// <summary>
/// An option of <see cref="ClassifierOptions"/> is out of its range. <see cref="ArgumentException.ParamName"/> is the
/// property's name, <see cref="ArgumentOutOfRangeException.ActualValue"/> its value and <see cref="Requirement"/> what
/// it must be, so that a caller can name the option its own way (the command line names the flag).
/// </summary>
public sealed class OptionOutOfRangeException : ArgumentOutOfRangeException
{
    /// <summary>Creates the exception: "<paramref name="option"/> is <paramref name="value"/>; it must be <paramref name="requirement"/>."</summary>
    /// <param name="option">The property's name, e.g. <c>LearningRate</c>.</param>
    /// <param name="value">The value given.</param>
    /// <param name="requirement">What the value must be, e.g. "a finite number &gt; 0".</param>
    public OptionOutOfRangeException(string option, object? value, string requirement)
        : base(option, value, $"{option} is {Format(value)}; it must be {requirement}.")
    {
        Requirement = requirement;
    }

    /// <summary>What the value must be, in words (no trailing period).</summary>
    public string Requirement { get; }

    /// <summary>The message without the " (Parameter '…')" and "Actual value" lines .NET appends.</summary>
    public override string Message => $"{ParamName} is {Format(ActualValue)}; it must be {Requirement}.";

    /// <summary>The value as a user would type it (invariant culture, R for doubles).</summary>
    public static string Format(object? value) => value switch
    {
        null => "null",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
