using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ProactiveReissue.Gateway.Participants;
using ProactiveReissue.Gateway.Pki;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Security;
using ProactiveReissue.Shep.Time;
using ProactiveReissue.Shep.Xml;

namespace ProactiveReissue.Gateway;

/// <summary>
/// Verbs of the gateway binary besides running it:
///   devpki [--dir .devpki] [--mocks mocks] [--provider-base http://127.0.0.1:8089] [--force]
///   hash-password PASSWORD
///   sign-example [--dir .devpki] [--service DEMO_ECHO] [--style inline|string|typed|cdata]
///   queue status|dead-letters|replay SEQ [--url URL | --db FILE]
/// </summary>
public static class GatewayCommands
{
    private static readonly string[] Verbs = ["devpki", "hash-password", "sign-example", "queue", "help"];

    public static bool IsCommand(string verb) => Verbs.Contains(verb);

    public static Task<int> RunAsync(string[] args)
    {
        switch (args[0])
        {
            case "queue":
                return QueueCommand.RunAsync(args);
            case "devpki":
                var dir = Option(args, "--dir") ?? ".devpki";
                if (DevelopmentPki.Exists(dir) && !args.Contains("--force"))
                {
                    Console.WriteLine($"Developer PKI already in {Path.GetFullPath(dir)} (use --force to make a new one).");
                    return Task.FromResult(0);
                }

                DevelopmentPki.Create(dir, Option(args, "--mocks") ?? "mocks", Option(args, "--provider-base") ?? "http://127.0.0.1:8089", TimeProvider.System);
                Console.WriteLine($"Developer PKI written to {Path.GetFullPath(dir)}: CA, gateway, DEMO_CLIENT, provider, a revoked certificate and its CRL. For local runs only.");
                return Task.FromResult(0);
            case "hash-password":
                if (args.Length < 2)
                {
                    Console.Error.WriteLine("usage: hash-password PASSWORD");
                    return Task.FromResult(2);
                }

                Console.WriteLine(PasswordHasher.Hash(args[1]));
                return Task.FromResult(0);
            case "sign-example":
                Console.Out.Write(SignExample(Option(args, "--dir") ?? ".devpki", Option(args, "--service") ?? "DEMO_ECHO", Option(args, "--style") ?? "inline"));
                return Task.FromResult(0);
            default:
                Console.WriteLine("ProactiveReissue.Gateway [devpki|hash-password|sign-example|queue] — without a verb it runs the gateway.");
                return Task.FromResult(0);
        }
    }

    /// <summary>A SendMessage signed with the developer client certificate, to post with curl.</summary>
    public static string SignExample(string directory, string serviceId, string style)
    {
        var password = File.ReadAllText(Path.Combine(directory, "client-password.txt")).Trim();
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(directory, "client.pfx"), password, X509KeyStorageFlags.EphemeralKeySet);
        using var credentials = new SigningCredentials(certificate);
        var now = TimeProvider.System.GetUtcNow();
        var data = SafeXml.LoadString(ExampleData(style)).DocumentElement!;
        var info = new RequestInfo(Guid.NewGuid().ToString(), null, serviceId, LocalClock.ToLocal(now), null,
            new Sender(DevelopmentPki.ClientSenderId, password), [new MessageProperty("example", "true")], null);
        var document = SyncMessageWriter.Request(info, data, SoapEnvelopeWriter.NewBodyId());
        new WsSecuritySigner(credentials).Sign(document);
        return Encoding.UTF8.GetString(SoapEnvelopeWriter.ToBytes(document));
    }

    /// <summary>The four payload styles of the contract page.</summary>
    public static string ExampleData(string style) => style switch
    {
        "string" => "<data xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xsi:type=\"xs:string\">&lt;request&gt;&lt;iin&gt;850312300013&lt;/iin&gt;&lt;/request&gt;</data>",
        "typed" => "<data xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:tns=\"urn:demo:types\" xsi:type=\"tns:PersonRequest\"><iin>850312300013</iin></data>",
        "cdata" => "<data><![CDATA[<request><iin>850312300013</iin></request>]]></data>",
        _ => string.Create(CultureInfo.InvariantCulture, $"<data><request xmlns=\"urn:demo:echo\"><iin>850312300013</iin></request></data>"),
    };

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
