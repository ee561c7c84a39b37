using ProactiveReissue.Shep.Time;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.Tests.Shep.Time;

public sealed class LocalClockTests
{
    private static readonly TimeSpan Plus5 = TimeSpan.FromHours(5);
    private static readonly TimeSpan Plus6 = TimeSpan.FromHours(6);

    [Fact]
    public void TryParse_PlusSixOffset_KeepsTheInstant()
    {
        // Act
        var ok = LocalClock.TryParse("2026-03-15T15:30:00+06:00", out var value);

        // Assert
        Assert.True(ok);
        Assert.Equal(new DateTimeOffset(2026, 3, 15, 9, 30, 0, TimeSpan.Zero), value);
        Assert.Equal(Plus6, value.Offset);
    }

    [Fact]
    public void TryParse_PlusFiveOffsetWithMilliseconds_KeepsTheInstant()
    {
        // Act
        var ok = LocalClock.TryParse("2026-03-15T14:30:00.123+05:00", out var value);

        // Assert
        Assert.True(ok);
        Assert.Equal(new DateTimeOffset(2026, 3, 15, 9, 30, 0, 123, TimeSpan.Zero), value);
        Assert.Equal(Plus5, value.Offset);
    }

    [Fact]
    public void TryParse_Zulu_ReadsAsUtc()
    {
        // Act
        var ok = LocalClock.TryParse("2026-03-15T09:30:00Z", out var value);

        // Assert
        Assert.True(ok);
        Assert.Equal(new DateTimeOffset(2026, 3, 15, 9, 30, 0, TimeSpan.Zero), value);
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Theory]
    [InlineData("2026-03-15T14:30:00", 0)]
    [InlineData("2026-03-15T14:30:00.250", 250)]
    public void TryParse_NoOffset_ReadsAsPlusFive(string text, int milliseconds)
    {
        // Act
        var ok = LocalClock.TryParse(text, out var value);

        // Assert: the same wall-clock time in Almaty, whatever the machine's own zone is
        Assert.True(ok);
        Assert.Equal(Plus5, value.Offset);
        Assert.Equal(new DateTimeOffset(2026, 3, 15, 9, 30, 0, milliseconds, TimeSpan.Zero), value);
    }

    [Fact]
    public void TryParse_SurroundingWhitespace_IsIgnored()
    {
        // Act
        var ok = LocalClock.TryParse("\n   2026-03-15T14:30:00+05:00  \n", out var value);

        // Assert
        Assert.True(ok);
        Assert.Equal(new DateTimeOffset(2026, 3, 15, 9, 30, 0, TimeSpan.Zero), value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("yesterday")]
    [InlineData("Z")]
    [InlineData("2026-13-45T10:00:00+05:00")]
    [InlineData("2026-03-15T25:61:00")]
    [InlineData("2026-03-15T14:30:00+05:00 trailing")]
    public void TryParse_Garbage_ReturnsFalse(string? text)
    {
        // Act
        var ok = LocalClock.TryParse(text, out var value);

        // Assert
        Assert.False(ok);
        Assert.Equal(default, value);
    }

    [Fact]
    public void Format_UtcValue_WritesPlusFiveWithMilliseconds()
    {
        // Arrange
        var value = new DateTimeOffset(2026, 3, 15, 9, 30, 0, 123, TimeSpan.Zero);

        // Act
        var text = LocalClock.Format(value);

        // Assert
        Assert.Equal("2026-03-15T14:30:00.123+05:00", text);
    }

    [Fact]
    public void Format_WholeSecondInPlusSix_WritesZeroMillisecondsInPlusFive()
    {
        // Arrange
        var value = new DateTimeOffset(2026, 3, 15, 15, 30, 0, Plus6);

        // Act
        var text = LocalClock.Format(value);

        // Assert
        Assert.Equal("2026-03-15T14:30:00.000+05:00", text);
    }

    [Fact]
    public void Format_LateUtcEvening_MovesToTheNextLocalDay()
    {
        // Act
        var text = LocalClock.Format(new DateTimeOffset(2026, 12, 31, 20, 15, 0, TimeSpan.Zero));

        // Assert
        Assert.Equal("2027-01-01T01:15:00.000+05:00", text);
    }

    [Fact]
    public void Format_DateBeforeTheMarch2024Change_StillWritesPlusFive()
    {
        // Arrange: Almaty was on +06:00 until 1 March 2024; the rules want +05:00 everywhere
        var value = new DateTimeOffset(2023, 7, 1, 6, 0, 0, TimeSpan.Zero);

        // Act
        var text = LocalClock.Format(value);

        // Assert
        Assert.Equal("2023-07-01T11:00:00.000+05:00", text);
    }

    [Fact]
    public void Format_ManyInstants_RoundTripsThroughTryParse()
    {
        // Arrange
        var random = new Random(5);
        var origin = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

        for (var n = 0; n < 2_000; n++)
        {
            var instant = origin.AddMilliseconds(random.NextInt64(0, 40L * 365 * 24 * 3600 * 1000));
            var offset = TimeSpan.FromMinutes(random.Next(-12 * 60, 14 * 60 + 1));

            // Act
            var text = LocalClock.Format(instant.ToOffset(offset));
            var ok = LocalClock.TryParse(text, out var parsed);

            // Assert
            Assert.True(ok, text);
            Assert.EndsWith("+05:00", text, StringComparison.Ordinal);
            Assert.Equal(instant, parsed);
        }
    }

    [Fact]
    public void Now_FakeClock_ReturnsThatInstantAtPlusFive()
    {
        // Arrange
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 15, 9, 30, 0, TimeSpan.Zero));

        // Act
        var now = LocalClock.Now(time);

        // Assert
        Assert.Equal(Plus5, now.Offset);
        Assert.Equal(time.GetUtcNow(), now);
        Assert.Equal(14, now.Hour);
    }
}
