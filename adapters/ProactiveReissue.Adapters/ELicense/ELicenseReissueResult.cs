namespace ProactiveReissue.Adapters.ELicense;

/// <summary>The reissued document; <paramref name="AlreadyIssued"/> is true when the request id had been seen before.</summary>
public sealed record ELicenseReissueResult(string RequestId, string NewNumber, DateOnly IssueDate, string? DocumentUrl, bool AlreadyIssued);
