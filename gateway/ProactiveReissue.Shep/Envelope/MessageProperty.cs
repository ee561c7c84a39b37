namespace ProactiveReissue.Shep.Envelope;

/// <summary>requestInfo/properties: key up to 30 characters, value up to 500.</summary>
public sealed record MessageProperty(string Key, string Value)
{
    public const int MaxKeyLength = 30;
    public const int MaxValueLength = 500;
}
