using System.Xml;
using System.Xml.Schema;
using ProactiveReissue.Adapters.Bmg;
using ProactiveReissue.Adapters.ELicense;
using ProactiveReissue.Adapters.GbdUl;
using ProactiveReissue.Adapters.Sdu;
using ProactiveReissue.Adapters.Shep;
using ProactiveReissue.Adapters.Sms;
using ProactiveReissue.Adapters.Zags;
using ProactiveReissue.IntegrationTests.Infrastructure;

namespace ProactiveReissue.IntegrationTests.Adapters;

/// <summary>The formats we defined (embedded XSDs) hold both sides: the mocks' answers and what the adapters send.</summary>
[Collection(AdapterCollection.Name)]
public sealed class AdapterSchemasTests(AdapterFixture fixture)
{
    private static readonly XmlSchemaSet Schemas = AdapterSchemas.Load();

    [Fact]
    public void Names_EveryOpenFormat_IsEmbedded()
    {
        Assert.Equal(
            ["bmg-phone-by-iin.xsd", "elicense-reissue.xsd", "gbdul-name-changes.xsd", "portal-sms.xsd", "sdu-case-result.xsd", "zags-civil-acts.xsd"],
            AdapterSchemas.Names);
    }

    [Fact]
    public void MockAnswers_InOurFormats_ValidateAgainstTheSchemas()
    {
        var checkedCount = 0;
        foreach (var system in new[] { "zags", "gbdul", "bmg", "elicense", "sms", "sdu" })
        {
            foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Mocks, "__files", system), "*.xml"))
            {
                var payload = Payload(File.ReadAllText(file));
                if (payload is not null && IsDefined(payload))
                {
                    Validate(payload, file);
                    checkedCount++;
                }
            }
        }

        Assert.True(checkedCount >= 15, $"only {checkedCount} answers checked");
    }

    [Fact]
    public async Task Requests_SentByTheAdapters_ValidateAgainstTheSchemas()
    {
        var http = fixture.Http();
        await new ZagsAdapter(http, fixture.Options<ZagsOptions>("zags"), TimeProvider.System).GetActsAsync(Population.CleanHead, CancellationToken.None);
        await new BmgAdapter(http, fixture.Options<BmgOptions>("bmg"), TimeProvider.System).GetPhoneAsync(Population.CleanHead, CancellationToken.None);
        await new GbdUlAdapter(http, fixture.Options<GbdUlOptions>("gbdul", o => o.RequestorBin = fixture.Pki.ClientBin), TimeProvider.System, AdapterFixture.NewCache())
            .GetNameChangesAsync(new DateOnly(2026, 11, 1), CancellationToken.None);
        await new ELicenseAdapter(http, fixture.Options<ELicenseOptions>("elicense"), TimeProvider.System)
            .ReissueAsync(new ELicenseReissueRequest("schema-check", "G-1", Population.RenamedWithPermit, "ТОО «Новое»", null), CancellationToken.None);
        var sms = new SmsAdapter(http, fixture.Options<SmsOptions>("sms"), TimeProvider.System);
        await sms.SendAsync("+77010000101", "Құрметті азамат (ша)!", "kk", "case-schema-sms-1", CancellationToken.None);
        await sms.GetRepliesAsync(Population.SmsDeliveryId, CancellationToken.None);
        await new SduAdapter(http, fixture.Options<SduOptions>("sdu"), TimeProvider.System)
            .WriteResultAsync(new SduCaseResult("CASE-SCHEMA", Population.RenamedWithPermit, Population.CleanHead, "REISSUED", "ТОО «Новое»", null, ["KZ01VCZ00000901", "KZ01VCZ00000902"], "+77010000101"), CancellationToken.None);

        var roots = new HashSet<string>();
        foreach (var system in new[] { "zags", "gbdul", "bmg", "elicense", "sms", "sdu" })
        {
            foreach (var body in await fixture.WireMock.ReceivedBodiesAsync("/" + system))
            {
                var payload = Payload(body);
                if (payload is not null && IsDefined(payload))
                {
                    Validate(payload, system + " request");
                    roots.Add(payload.LocalName);
                }
            }
        }

        Assert.Superset(
            new HashSet<string> { "CivilActsRequest", "PhoneByIinRequest", "NameChangesRequest", "ReissueRequest", "SmsSendRequest", "SmsRepliesRequest", "CaseResult" },
            roots);
    }

    private static XmlElement? Payload(string envelope)
    {
        var document = new XmlDocument { XmlResolver = null };
        document.LoadXml(envelope);
        var data = document.GetElementsByTagName("data").OfType<XmlElement>().FirstOrDefault();
        return data?.ChildNodes.OfType<XmlElement>().FirstOrDefault();
    }

    private static bool IsDefined(XmlElement payload) => Schemas.GlobalElements.Contains(new XmlQualifiedName(payload.LocalName, payload.NamespaceURI));

    private static void Validate(XmlElement payload, string origin)
    {
        var document = new XmlDocument { XmlResolver = null, Schemas = Schemas };
        document.LoadXml(payload.OuterXml);
        var errors = new List<string>();
        document.Validate((_, e) => errors.Add(e.Message));
        Assert.True(errors.Count == 0, $"{origin}: {string.Join("; ", errors)}");
    }
}
