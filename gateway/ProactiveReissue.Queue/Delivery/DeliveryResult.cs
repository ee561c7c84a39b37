namespace ProactiveReissue.Queue.Delivery;

/// <summary>What one delivery attempt came to.</summary>
public enum DeliveryOutcome
{
    Delivered,

    /// <summary>Transient: the receiver is down, busy or slow; try again later.</summary>
    RetryLater,

    /// <summary>Permanent: the receiver refused the message itself; retrying cannot help.</summary>
    Rejected,
}

public sealed record DeliveryResult(DeliveryOutcome Outcome, string? Error = null, TimeSpan? RetryAfter = null, int? HttpStatus = null)
{
    public static DeliveryResult Delivered(int status) => new(DeliveryOutcome.Delivered, HttpStatus: status);
}
