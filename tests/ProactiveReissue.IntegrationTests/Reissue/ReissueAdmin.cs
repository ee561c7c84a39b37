using System.Diagnostics;
using System.Text.Json;

namespace ProactiveReissue.IntegrationTests.Reissue;

/// <summary>What the reissue tests read back through the operators' admin API.</summary>
public static class ReissueAdmin
{
    /// <summary>
    /// Reads the case (<c>GET /admin/reissue/cases/{id}</c>) every 200 ms until <paramref name="reached"/> holds or
    /// <paramref name="limit"/> has passed, and returns the last view of it (null if it was never found).
    /// </summary>
    public static async Task<JsonElement?> WaitForCaseAsync(HttpClient http, string baseUrl, string caseId, Func<JsonElement, bool> reached, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        JsonElement? last = null;
        while (clock.Elapsed < limit)
        {
            using var response = await http.GetAsync(baseUrl + "/admin/reissue/cases/" + Uri.EscapeDataString(caseId));
            if (response.IsSuccessStatusCode)
            {
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                last = json.RootElement.GetProperty("case").Clone();
                if (reached(last.Value))
                {
                    return last;
                }
            }

            await Task.Delay(200);
        }

        return last;
    }

    public static string State(JsonElement? c) => c?.GetProperty("state").GetString() ?? "(none)";

    public static int SmsCount(JsonElement c) => c.GetProperty("smsCount").GetInt32();
}
