using System.Security.Cryptography.X509Certificates;

namespace ProactiveReissue.Shep.Security;

/// <summary>The IIN and BIN carried in a national-CA subject: SERIALNUMBER=IIN…, OU=BIN….</summary>
public sealed record SubjectIdentity(string? Iin, string? Bin)
{
    private const string SerialNumberOid = "2.5.4.5";
    private const string OrganizationalUnitOid = "2.5.4.11";

    public static SubjectIdentity From(X509Certificate2 certificate)
    {
        string? iin = null;
        string? bin = null;
        foreach (var rdn in certificate.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            if (rdn.HasMultipleElements)
            {
                continue;
            }

            var oid = rdn.GetSingleElementType().Value;
            var value = rdn.GetSingleElementValue() ?? string.Empty;
            if (oid == SerialNumberOid && value.StartsWith("IIN", StringComparison.Ordinal))
            {
                iin = value[3..];
            }
            else if (oid == OrganizationalUnitOid && value.StartsWith("BIN", StringComparison.Ordinal))
            {
                bin = value[3..];
            }
        }

        return new SubjectIdentity(iin, bin);
    }
}
