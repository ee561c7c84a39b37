namespace ProactiveReissue.Gateway.Async;

/// <summary>Namespaces, message types and delivery states of the asynchronous channel (contract page).</summary>
public static class AsyncNames
{
    public const string Types = "http://bip.bee.kz/AsyncChannel/v10/Types";
    public const string Interfaces = "http://bip.bee.kz/AsyncChannel/v10/Interfaces";
    public const string ClientTypes = "http://bip.bee.kz/AsyncChannel/v10/Types/Client";
    public const string ClientInterfaces = "http://bip.bee.kz/AsyncChannel/v10/Interfaces/Client";

    public const string Request = "REQUEST";
    public const string Response = "RESPONSE";
    public const string Notification = "NOTIFICATION";
    public const string Update = "UPDATE";

    public const string OnDelivery = "ON_DELIVERY";
    public const string Delivered = "DELIVERED";
    public const string NotDelivered = "NOT_DELIVERED";
    public const string DeliveryStopped = "DELIVERY_STOPPED";

    public const string Accepted = "MESSAGE_ACCEPTED";

    /// <summary>Sic: the typo is in the bus's schema.</summary>
    public const string NotAccepted = "MESSAGE_NOT_ACCTEPTED";
    public const string Resend = "RESEND";
    public const string NotResend = "NOT_RESEND";

    public static readonly IReadOnlySet<string> MessageTypes = new HashSet<string>(StringComparer.Ordinal) { Request, Response, Notification, Update };
}
