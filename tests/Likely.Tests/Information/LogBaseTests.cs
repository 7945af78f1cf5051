using Likely.Information;

namespace Likely.Tests.Information;

public class LogBaseTests
{
    [Theory]
    [InlineData("2", 2.0, "bits")]
    [InlineData("bits", 2.0, "bits")]
    [InlineData("e", Math.E, "nats")]
    [InlineData("10", 10.0, "hartleys")]
    [InlineData("dits", 10.0, "hartleys")]
    [InlineData("3", 3.0, "log-base-3 units")]
    public void Parse_KnownForms_GiveBaseAndUnit(string text, double value, string unit)
    {
        LogBase logBase = LogBase.Parse(text);
        Assert.Equal(value, logBase.Value);
        Assert.Equal(unit, logBase.Unit);
    }

    [Fact]
    public void Default_IsNats()
    {
        Assert.Equal(LogBase.Nats, default);
        Assert.Equal(1.0, default(LogBase).FromNats(1.0));
    }

    [Fact]
    public void FromNats_Bits_DividesByLn2()
    {
        // 1 bit = ln 2 nats.
        Assert.Equal(1.0, LogBase.Bits.FromNats(Math.Log(2)), 15);
        Assert.Equal(1.0, LogBase.Hartleys.FromNats(Math.Log(10)), 15);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("-2")]
    public void Parse_InvalidNumber_ThrowsOutOfRange(string text)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LogBase.Parse(text));
        Assert.Contains("> 0 and ≠ 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotANumber_ThrowsFormat()
    {
        var error = Assert.Throws<FormatException>(() => LogBase.Parse("two"));
        Assert.Contains("'two' is not a logarithm base", error.Message, StringComparison.Ordinal);
    }
}
