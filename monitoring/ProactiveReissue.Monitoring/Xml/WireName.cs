using System.Collections.Frozen;
using System.Text;

namespace ProactiveReissue.Monitoring.Xml;

/// <summary>
/// The wire spelling of an enum: UPPER_SNAKE of the member name (CaseOpened → CASE_OPENED, ELicense → E_LICENSE).
/// One rule for every enumeration of the schema, so the C# names and the XSD cannot drift apart unnoticed.
/// </summary>
public static class WireName<TEnum>
    where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, string> ToWire =
        Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => Snake(v.ToString()));

    private static readonly FrozenDictionary<string, TEnum> FromWire =
        ToWire.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>Every wire name, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = Enum.GetValues<TEnum>().Select(v => ToWire[v]).ToArray();

    public static string Of(TEnum value) =>
        ToWire.TryGetValue(value, out var name)
            ? name
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"{typeof(TEnum).Name} has no such member.");

    public static bool TryParse(string? text, out TEnum value)
    {
        value = default;
        return text is not null && FromWire.TryGetValue(text.Trim(), out value);
    }

    private static string Snake(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c))
            {
                var previous = name[i - 1];
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (char.IsLower(previous) || char.IsDigit(previous) || nextIsLower)
                {
                    builder.Append('_');
                }
            }

            builder.Append(char.ToUpperInvariant(c));
        }

        return builder.ToString();
    }
}
