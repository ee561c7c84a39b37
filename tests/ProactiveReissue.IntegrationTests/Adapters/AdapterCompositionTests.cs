using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProactiveReissue.Adapters;
using ProactiveReissue.Adapters.Exclusion;
using ProactiveReissue.Adapters.GbdFl;
using ProactiveReissue.Adapters.Shep;
using ProactiveReissue.IntegrationTests.Infrastructure;

namespace ProactiveReissue.IntegrationTests.Adapters;

[Collection(AdapterCollection.Name)]
public sealed class AdapterCompositionTests(AdapterFixture fixture)
{
    private static readonly string[] Sections = ["GbdFl", "Zags", "GbdUl", "Bmg", "ELicense", "Sms", "Kdp", "Sdu"];

    private Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>();
        foreach (var section in Sections)
        {
            settings[$"Adapters:{section}:Endpoint"] = $"{fixture.WireMock.BaseUrl}/{section.ToLowerInvariant()}";
            settings[$"Adapters:{section}:SigningCertificatePath"] = fixture.Pki.GatewayPfxPath;
            settings[$"Adapters:{section}:SigningCertificatePassword"] = TestPki.GatewayPfxPassword;
        }

        settings["Adapters:GbdUl:RequestorBin"] = fixture.Pki.ClientBin;
        settings["Adapters:Kdp:RequestorBin"] = fixture.Pki.ClientBin;
        return settings;
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddStateSystemAdapters(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();

    [Fact]
    public async Task AddStateSystemAdapters_ValidSettings_ResolvesWorkingAdapters()
    {
        await using var services = Build(Settings());
        services.GetRequiredService<IStartupValidator>().Validate();

        var outcome = await services.GetRequiredService<GbdFlAdapter>().GetPersonAsync(Population.AbroadHead, null, CancellationToken.None);

        Assert.Equal(AdapterOutcomeKind.Found, outcome.Kind);
        Assert.Equal(ExclusionReason.ResidesAbroad, services.GetRequiredService<ExclusionCheck>().Evaluate(outcome.Value!, null));
    }

    [Fact]
    public async Task AddStateSystemAdapters_MissingCertificateFile_FailsAtStartNamingTheSetting()
    {
        var settings = Settings();
        settings["Adapters:Sms:SigningCertificatePath"] = "/nonexistent/sms.pfx";
        settings["Adapters:Bmg:Endpoint"] = "not a url";
        await using var services = Build(settings);

        var ex = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IStartupValidator>().Validate());

        var messages = ex is AggregateException aggregate ? string.Join(" | ", aggregate.InnerExceptions.Select(e => e.Message)) : ex.Message;
        Assert.Contains("Adapters:Sms:SigningCertificatePath points to '/nonexistent/sms.pfx', which does not exist", messages, StringComparison.Ordinal);
        Assert.Contains("Adapters:Bmg:Endpoint must be an absolute http(s) URL", messages, StringComparison.Ordinal);
    }
}
