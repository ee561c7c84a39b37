using ProactiveReissue.Monitoring.Messages;
using ProactiveReissue.Monitoring.Statuses;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.Tests.Monitoring;

/// <summary>
/// Synthetic monitoring messages, one of each kind. No real person or company: the names are made up and the
/// IIN/BIN are built to pass the check digit.
/// </summary>
public static class MonitoringSamples
{
    public const string ApplicationNumber = "PR-ECO-2026-000123";
    public const string ServiceCode = "ECO_PERMIT_REISSUE";

    /// <summary>A synthetic provider BIN with a valid check digit.</summary>
    public const string ProviderBin = "990340001230";

    /// <summary>The synthetic company whose name changed.</summary>
    public const string CompanyBin = "260540111001";

    /// <summary>The synthetic first head.</summary>
    public const string HeadIin = "850312300111";

    /// <summary>12 digits whose check digit is wrong.</summary>
    public const string BadBin = "990340001231";

    public static Party Provider { get; } = new(ProviderBin, "Тестовое управление природных ресурсов");

    public static ApplicationStatusFactory StatusFactory(TimeProvider? time = null) =>
        new(ServiceCode, Provider, time ?? new FakeTimeProvider());

    public static ApplicationStatus Status(MonitoringStatusCode code = MonitoringStatusCode.CaseOpened, TimeProvider? time = null) =>
        StatusFactory(time).Create(
            ApplicationNumber,
            code,
            comment: "Синтетический комментарий",
            externalRequests:
            [
                new ExternalRequest(ExternalSystem.GbdUl, "{4f1c2a9e-0000-4000-8000-000000000001}"),
                new ExternalRequest(ExternalSystem.ELicense, "req-000042"),
            ]);

    public static DocumentData BinaryDocument() => new(
        ApplicationNumber,
        "ECO_PERMIT_CATEGORY_II",
        "KZ00VDD00000001",
        new DateOnly(2025, 1, 8),
        Provider,
        new BinaryDocumentContent([0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37, 0x0A, 0x00, 0xFF], "application/pdf"));

    public static DocumentData XmlDocument() => BinaryDocument() with
    {
        Content = new XmlDocumentContent(
            """<permit xmlns="urn:example:permit"><holder bin="260540111001">ТОО «Дала Синтетик»</holder><category>II</category></permit>"""),
    };

    public static ApplicationRequest Request(TimeProvider? time = null) => new(
        ApplicationNumber,
        ServiceCode,
        Provider,
        (time ?? new FakeTimeProvider()).GetUtcNow(),
        new Applicant(CompanyBin, "ТОО «Дала Синтетик»")
        {
            PreviousName = "ТОО «Тест Эко»",
            Representative = new Person(HeadIin, "Тестов", "Тест", "Тестович"),
        })
    {
        Parameters =
        [
            new ApplicationParameter("permitCategory", "II"),
            new ApplicationParameter("reason", "Изменение наименования"),
        ],
        Documents =
        [
            new DocumentReference("ECO_PERMIT_CATEGORY_II", "KZ00VDD00000001", new DateOnly(2025, 1, 8)) { Issuer = Provider },
        ],
    };

    public static ApplicationResult Result(TimeProvider? time = null) => new(
        ApplicationNumber,
        ServiceCode,
        Provider,
        Resolution.Approved,
        (time ?? new FakeTimeProvider()).GetUtcNow())
    {
        StatusCode = MonitoringStatusCode.PermitReissued,
        Comment = "Разрешение переоформлено на новое наименование",
        ResultDocument = new DocumentReference("ECO_PERMIT_CATEGORY_II", "KZ00VDD00000002", new DateOnly(2026, 3, 15))
        {
            Issuer = Provider,
            Sha256 = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(),
        },
        ExternalRequests = [new ExternalRequest(ExternalSystem.Sdu, "sdu-write-7")],
    };
}
