using System.Text.Json;
using System.Xml;
using ProactiveReissue.Shep;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Shep.Time;
using ProactiveReissue.Shep.Xml;

namespace ProactiveReissue.Gateway.Rest;

/// <summary>JSON of the REST twins: payload conversion both ways and RFC 9457 problem details.</summary>
public static class RestCodec
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public static byte[] Serialize(object value) => JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), Json);

    public static T Deserialize<T>(byte[] body)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, Json) ?? throw new ShepException(ShepFaults.BadFormat, "The body is empty JSON (null).");
        }
        catch (JsonException ex)
        {
            throw new ShepException(ShepFaults.BadFormat, $"The body is not valid JSON: {ex.Message}", inner: ex);
        }
    }

    public static XmlElement ToXmlData(RestData? data, XmlLimits limits)
    {
        var document = SafeXml.NewDocument();
        var element = document.CreateElement("data");
        document.AppendChild(element);
        if (data?.Xml is { } xml)
        {
            var payload = SafeXml.LoadString(xml, limits);
            element.AppendChild(document.ImportNode(payload.DocumentElement!, deep: true));
        }
        else if (data?.Data is { } json || data?.Text is not null)
        {
            var text = data.Text ?? data.Data!.Value.GetRawText();
            element.SetAttribute("xmlns:xs", ShepNamespaces.Xsd);
            var type = document.CreateAttribute("xsi", "type", ShepNamespaces.Xsi);
            type.Value = "xs:string";
            element.Attributes.Append(type);
            element.AppendChild(document.CreateTextNode(text));
        }

        return element;
    }

    public static RestData ToRestData(XmlElement? data)
    {
        if (data is null)
        {
            return new RestData(null, null, null);
        }

        var first = data.ChildNodes.OfType<XmlElement>().FirstOrDefault();
        return first is not null ? new RestData(null, first.OuterXml, null) : new RestData(null, null, data.InnerText);
    }

    public static byte[] Problem(ErrorInfo error, int status) =>
        JsonSerializer.SerializeToUtf8Bytes(ToProblem(error, status), Json);

    private static Dictionary<string, object?> ToProblem(ErrorInfo error, int? status)
    {
        var fault = ShepFaults.Find(error.ErrorCode);
        var problem = new Dictionary<string, object?>
        {
            ["type"] = "urn:proactive-reissue:fault:" + error.ErrorCode,
            ["title"] = fault?.MessageEn ?? error.ErrorMessage,
            ["status"] = status,
            ["detail"] = error.ErrorData,
            ["code"] = error.ErrorCode,
            ["errorMessage"] = error.ErrorMessage,
            ["errorDate"] = LocalClock.Format(error.ErrorDate),
            ["sessionId"] = error.SessionId,
        };
        if (error.SubError is not null)
        {
            problem["subError"] = new Dictionary<string, object?>
            {
                ["code"] = error.SubError.ErrorCode,
                ["errorMessage"] = error.SubError.ErrorMessage,
                ["detail"] = error.SubError.ErrorData,
                ["errorDate"] = LocalClock.Format(error.SubError.ErrorDate),
            };
        }

        return problem;
    }
}
