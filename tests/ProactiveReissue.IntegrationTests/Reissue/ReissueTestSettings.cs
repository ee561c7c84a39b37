using ProactiveReissue.IntegrationTests.Infrastructure;

namespace ProactiveReissue.IntegrationTests.Reissue;

/// <summary>Settings the reissue tests share: the eight adapters bound to the fixture's WireMock, signing as the gateway.</summary>
public static class ReissueTestSettings
{
    public static readonly string[] Systems = ["GbdFl", "Zags", "GbdUl", "Bmg", "ELicense", "Sms", "Kdp", "Sdu"];

    /// <summary>The "Adapters" section: each system at WireMock's /{system}.</summary>
    public static Dictionary<string, object> Adapters(GatewayFixture fixture) => Systems.ToDictionary(s => s, s => (object)new
    {
        Endpoint = $"{fixture.WireMock.BaseUrl}/{s.ToLowerInvariant()}",
        SigningCertificatePath = fixture.Pki.GatewayPfxPath,
        SigningCertificatePassword = TestPki.GatewayPfxPassword,
        RequestorBin = fixture.Pki.ClientBin,
    });
}
