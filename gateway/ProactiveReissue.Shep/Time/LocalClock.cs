using System.Globalization;

namespace ProactiveReissue.Shep.Time;

/// <summary>
/// Local time of the interaction (monitoring rules §10): Asia/Almaty, UTC+5 since 1 March 2024.
/// Every timestamp the gateway stores or sends goes through here; "now" comes from <see cref="TimeProvider"/>.
/// </summary>
public static class LocalClock
{
    private static readonly TimeSpan FixedOffset = TimeSpan.FromHours(5);
    private static readonly TimeZoneInfo? Almaty = FindZone();

    public static DateTimeOffset Now(TimeProvider time) => ToLocal(time.GetUtcNow());

    public static DateTimeOffset ToLocal(DateTimeOffset value)
    {
        if (Almaty is not null)
        {
            var converted = TimeZoneInfo.ConvertTime(value, Almaty);
            // tzdata older than 2024a still says +06:00; the rules say +05:00.
            if (converted.Offset == FixedOffset)
            {
                return converted;
            }
        }

        return value.ToOffset(FixedOffset);
    }

    /// <summary>Full ISO-8601 with milliseconds and the local offset, e.g. 2026-11-22T16:03:04.123+05:00.</summary>
    public static string Format(DateTimeOffset value) =>
        ToLocal(value).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    /// <summary>
    /// Accepts what clients send: +06:00, +05:00, Z, or no offset at all (read as local time).
    /// </summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        var hasOffset = text.EndsWith('Z') || HasExplicitOffset(text);
        if (hasOffset)
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
        }

        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        value = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), FixedOffset);
        return true;
    }

    private static bool HasExplicitOffset(string text)
    {
        var t = text.IndexOf('T');
        if (t < 0)
        {
            return false;
        }

        var tail = text.AsSpan(t);
        return tail.Contains('+') || tail.Contains('-');
    }

    private static TimeZoneInfo? FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Almaty");
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            return null;
        }
    }
}
