namespace ProactiveReissue.Adapters.Sms;

/// <summary>A reply to an SMS: the text the person sent back ("1" agree, "2" disagree) and when it arrived.</summary>
public sealed record SmsReply(string DeliveryId, string Text, DateTimeOffset? ReceivedAt);
