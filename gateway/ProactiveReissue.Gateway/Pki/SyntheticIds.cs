using System.Globalization;
using ProactiveReissue.Shep.Identity;

namespace ProactiveReissue.Gateway.Pki;

/// <summary>Valid-looking synthetic IIN/BIN (correct check digit) for developer and test data.</summary>
public static class SyntheticIds
{
    /// <summary>The first valid number at or after the 11-digit prefix.</summary>
    public static string From(long first11)
    {
        for (var n = first11; ; n++)
        {
            var candidate = IinBin.Complete(n.ToString("D11", CultureInfo.InvariantCulture));
            if (candidate is not null)
            {
                return candidate;
            }
        }
    }
}
