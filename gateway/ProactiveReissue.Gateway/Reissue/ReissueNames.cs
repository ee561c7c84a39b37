namespace ProactiveReissue.Gateway.Reissue;

/// <summary>The gateway's own services for the reissue process and the namespace of their messages (see docs/reissue.md).</summary>
public static class ReissueNames
{
    public const string Namespace = "urn:proactive-reissue:reissue:v1";
    public const string SmsReplyService = "REISSUE_SMS_REPLY";
    public const string NameChangeService = "REISSUE_NAME_CHANGE";
}
