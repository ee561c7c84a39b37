using System.Text;

namespace ProactiveReissue.Reissue.Coordinator;

/// <summary>What an SMS reply means.</summary>
public enum ReplyMeaning
{
    Yes,
    No,
    Unclear,
}

/// <summary>
/// Reads an SMS reply the way people write them: "1", " 1 ", "1 согласен", "да", "иә", "келісемін";
/// "2", "нет", "жоқ", "не согласен", "келіспеймін". Anything else is unclear and is only recorded.
/// </summary>
public static class Reply
{
    private static readonly string[] YesWords = ["1", "да", "согласен", "согласна", "иә", "ия", "иа", "келісемін", "yes"];
    private static readonly string[] NoWords = ["2", "нет", "не согласен", "не согласна", "несогласен", "жоқ", "келіспеймін", "no"];

    public static ReplyMeaning Parse(string? text)
    {
        var normalized = Normalize(text);
        if (normalized.Length == 0)
        {
            return ReplyMeaning.Unclear;
        }

        // "2-не согласен(на)" and "не согласен" must win over the "согласен" inside them.
        if (NoWords.Any(w => normalized == w || normalized.StartsWith(w + " ", StringComparison.Ordinal)))
        {
            return ReplyMeaning.No;
        }

        if (YesWords.Any(w => normalized == w || normalized.StartsWith(w + " ", StringComparison.Ordinal)))
        {
            return ReplyMeaning.Yes;
        }

        return ReplyMeaning.Unclear;
    }

    private static string Normalize(string? text)
    {
        var builder = new StringBuilder();
        foreach (var c in (text ?? string.Empty).Trim().ToLowerInvariant())
        {
            builder.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }

        return string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
