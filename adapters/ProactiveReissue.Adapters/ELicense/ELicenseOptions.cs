using ProactiveReissue.Adapters.Shep;

namespace ProactiveReissue.Adapters.ELicense;

/// <summary>Settings of the ELicense adapter, section <c>Adapters:ELicense</c>.</summary>
public sealed class ELicenseOptions : AdapterOptions
{
    public const string SectionName = AdapterConstants.SectionPrefix + ":ELicense";
}
