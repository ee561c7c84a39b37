namespace ProactiveReissue.Monitoring.Xml;

/// <summary>Element and attribute names of the schema, shared by the writer and the reader.</summary>
internal static class MonitoringNames
{
    public const string ApplicationStatus = "ApplicationStatus";
    public const string DocumentData = "DocumentData";
    public const string ApplicationRequest = "ApplicationRequest";
    public const string ApplicationResult = "ApplicationResult";

    public const string ApplicationNumber = "applicationNumber";
    public const string ServiceCode = "serviceCode";
    public const string Provider = "provider";
    public const string Bin = "bin";
    public const string Iin = "iin";
    public const string Name = "name";
    public const string StatusCode = "statusCode";
    public const string ProcessingStatus = "processingStatus";
    public const string StatusTextRu = "statusTextRu";
    public const string StatusTextKk = "statusTextKk";
    public const string StatusDate = "statusDate";
    public const string ReasonCode = "reasonCode";
    public const string Comment = "comment";
    public const string ExternalRequests = "externalRequests";
    public const string ExternalRequest = "externalRequest";
    public const string System = "system";
    public const string RequestId = "requestId";

    public const string DocumentType = "documentType";
    public const string DocumentNumber = "documentNumber";
    public const string DocumentDate = "documentDate";
    public const string Issuer = "issuer";
    public const string ContentBase64 = "contentBase64";
    public const string ContentXml = "contentXml";
    public const string MediaType = "mediaType";
    public const string Hash = "hash";
    public const string Algorithm = "algorithm";

    public const string SubmittedAt = "submittedAt";
    public const string Applicant = "applicant";
    public const string PreviousName = "previousName";
    public const string Representative = "representative";
    public const string LastName = "lastName";
    public const string FirstName = "firstName";
    public const string MiddleName = "middleName";
    public const string Parameters = "parameters";
    public const string Parameter = "parameter";
    public const string Documents = "documents";
    public const string Document = "document";

    public const string Resolution = "resolution";
    public const string ResolutionDate = "resolutionDate";
    public const string ResultDocument = "resultDocument";

    public static readonly string[] Roots = [ApplicationStatus, DocumentData, ApplicationRequest, ApplicationResult];
}
