namespace ProactiveReissue.Shep.Wsdl;

/// <summary>The channel WSDLs, embedded as resources; the service address is filled in when served.</summary>
public static class WsdlDocuments
{
    public static string SyncChannel(string address) => Load("SyncChannel.wsdl").Replace("{{ADDRESS}}", address, StringComparison.Ordinal);

    public static string AsyncChannel(string address) => Load("AsyncChannel.wsdl").Replace("{{ADDRESS}}", address, StringComparison.Ordinal);

    private static string Load(string name)
    {
        var assembly = typeof(WsdlDocuments).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + name, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
