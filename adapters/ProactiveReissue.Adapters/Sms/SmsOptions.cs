using ProactiveReissue.Adapters.Shep;

namespace ProactiveReissue.Adapters.Sms;

/// <summary>Settings of the Sms adapter, section <c>Adapters:Sms</c>.</summary>
public sealed class SmsOptions : AdapterOptions
{
    public const string SectionName = AdapterConstants.SectionPrefix + ":Sms";
}
