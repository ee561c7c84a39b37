namespace ProactiveReissue.Shep.Identity;

/// <summary>
/// IIN (person) and BIN (legal entity): 12 digits, the 12th a check digit. The first 11 digits are
/// weighted 1..11 and summed mod 11; a 10 means weights 3..11,1,2 instead; a second 10 means the
/// number is never issued.
/// </summary>
public static class IinBin
{
    private static readonly int[] FirstWeights = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    private static readonly int[] SecondWeights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

    public static bool IsValid(string? value)
    {
        if (value is null || value.Length != 12 || !value.All(char.IsAsciiDigit))
        {
            return false;
        }

        var check = CheckDigit(value.AsSpan(0, 11));
        return check is not null && check.Value == value[11] - '0';
    }

    /// <summary>The check digit for 11 digits, or null when such a number is never issued.</summary>
    public static int? CheckDigit(ReadOnlySpan<char> first11)
    {
        var sum = Weighted(first11, FirstWeights) % 11;
        if (sum == 10)
        {
            sum = Weighted(first11, SecondWeights) % 11;
        }

        return sum == 10 ? null : sum;
    }

    /// <summary>Completes 11 digits to a valid number, or null when no check digit exists.</summary>
    public static string? Complete(string first11)
    {
        var check = CheckDigit(first11);
        return check is null ? null : first11 + check.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int Weighted(ReadOnlySpan<char> digits, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < 11; i++)
        {
            sum += (digits[i] - '0') * weights[i];
        }

        return sum;
    }
}
