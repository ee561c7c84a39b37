using System.Text.Json;

namespace ProactiveReissue.Gateway.Rest;

/// <summary>The REST twin of SendMessage: requestInfo as on the wire, the payload as JSON or as an XML string.</summary>
public sealed record RestSendMessageRequest(RestRequestInfo? RequestInfo, RestData? RequestData);

public sealed record RestRequestInfo(
    string? MessageId,
    string? CorrelationId,
    string? ServiceId,
    string? MessageDate,
    string? RouteId,
    RestSender? Sender,
    List<RestProperty>? Properties);

public sealed record RestSender(string? SenderId, string? Password);

public sealed record RestProperty(string Key, string Value);

/// <summary>Exactly one of: data (any JSON, passed on as an xs:string), xml (an XML document as a string), text.</summary>
public sealed record RestData(JsonElement? Data, string? Xml, string? Text);

public sealed record RestSendMessageResponse(RestResponseInfo ResponseInfo, RestData ResponseData);

public sealed record RestResponseInfo(string MessageId, string? CorrelationId, string ResponseDate, RestStatus Status, string? SessionId);

public sealed record RestStatus(string Code, string Message);
