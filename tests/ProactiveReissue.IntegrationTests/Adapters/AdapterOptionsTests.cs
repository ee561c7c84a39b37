using ProactiveReissue.Adapters.GbdFl;
using ProactiveReissue.Adapters.GbdUl;
using ProactiveReissue.Adapters.Shep;

namespace ProactiveReissue.IntegrationTests.Adapters;

public sealed class AdapterOptionsTests
{
    [Fact]
    public void Check_RelativeEndpointAndMissingCertificate_NamesEachSetting()
    {
        var options = new GbdFlOptions { Endpoint = "gbdfl/relative", SigningCertificatePath = "/nonexistent/gateway.pfx" };

        var failures = AdapterOptionsValidator<GbdFlOptions>.Check(GbdFlOptions.SectionName, options);

        Assert.Contains(failures, f => f.StartsWith("Setting Adapters:GbdFl:Endpoint must be an absolute http(s) URL", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Setting Adapters:GbdFl:SigningCertificatePath points to '/nonexistent/gateway.pfx'", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_VerificationOnWithoutPeerCertificate_Fails()
    {
        var options = new GbdUlOptions
        {
            Endpoint = "http://127.0.0.1:1/gbdul",
            SigningCertificatePath = typeof(AdapterOptionsTests).Assembly.Location,
            RequestorBin = "12345",
            VerifyAnswerSignature = true,
            TimeoutMs = 0,
        };

        var failures = AdapterOptionsValidator<GbdUlOptions>.Check(GbdUlOptions.SectionName, options);

        Assert.Contains(failures, f => f.Contains("Adapters:GbdUl:PeerCertificatePath is required", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Setting Adapters:GbdUl:RequestorBin is invalid", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Setting Adapters:GbdUl:TimeoutMs is invalid", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_GoodSettings_Succeeds()
    {
        var options = new GbdFlOptions { Endpoint = "https://gbdfl.example/sync", SigningCertificatePath = typeof(AdapterOptionsTests).Assembly.Location };

        var result = new AdapterOptionsValidator<GbdFlOptions>(GbdFlOptions.SectionName).Validate(null, options);

        Assert.True(result.Succeeded);
    }
}
