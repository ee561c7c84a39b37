using ProactiveReissue.IntegrationTests.Infrastructure;
using ProactiveReissue.Shep.Faults;

namespace ProactiveReissue.IntegrationTests.Corpus;

/// <summary>
/// One corpus case: <c>cases/NN-name.xml</c> (the envelope template, or exact bytes when raw) and
/// <c>cases/NN-name.fault</c> (<c>key: value</c> lines saying how to send it and what must come back).
/// The format is described in Corpus/README.md.
/// </summary>
public sealed record CorpusCase(
    string Name,
    string Fault,
    string Why,
    string Sign,
    string KeyInfo,
    IReadOnlyList<string> Pre,
    IReadOnlyList<string> Post,
    bool Raw,
    bool Twice,
    bool Chunked,
    int Pad,
    string? Detail,
    int MaxMilliseconds)
{
    /// <summary>Every answer must come within this time unless the case says otherwise (a DoS guard).</summary>
    public const int DefaultMaxMilliseconds = 10_000;

    public const string NoSignature = "none";

    private static readonly string[] Certificates = ["client", "expired", "notyet", "revoked", "untrusted", "keyusage", "wrongbin", NoSignature];
    private static readonly string[] KeyInfoForms = ["keyidentifier", "issuerserial", "bst"];
    private static readonly string[] Keys = ["fault", "why", "sign", "keyinfo", "pre", "post", "raw", "send", "chunked", "pad", "detail", "max-ms"];

    /// <summary>The folder of the case files, read from the source tree (nothing is copied to the output).</summary>
    public static string Directory { get; } = Path.Combine(RepoPaths.Root, "tests", "ProactiveReissue.IntegrationTests", "Corpus", "cases");

    public string TemplatePath => Path.Combine(Directory, Name + ".xml");

    /// <summary>Every case name (file name without extension), in file-name order.</summary>
    public static IReadOnlyList<string> Names() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.fault")
            .Select(Path.GetFileNameWithoutExtension)
            .Select(n => n!)
            .Order(StringComparer.Ordinal)
            .ToList();

    public static CorpusCase Load(string name)
    {
        var path = Path.Combine(Directory, name + ".fault");
        var single = new Dictionary<string, string>(StringComparer.Ordinal);
        var pre = new List<string>();
        var post = new List<string>();
        foreach (var (line, number) in File.ReadAllLines(path).Select((l, i) => (l.Trim(), i + 1)))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var key = colon > 0 ? line[..colon].Trim() : string.Empty;
            if (!Keys.Contains(key))
            {
                throw new InvalidDataException($"{path}:{number}: expected 'key: value' with key one of {string.Join(", ", Keys)}.");
            }

            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "pre":
                    pre.Add(value);
                    break;
                case "post":
                    post.Add(value);
                    break;
                default:
                    if (!single.TryAdd(key, value))
                    {
                        throw new InvalidDataException($"{path}:{number}: '{key}' is given twice.");
                    }

                    break;
            }
        }

        return Validate(path, new CorpusCase(
            name,
            Required(single, "fault", path),
            Required(single, "why", path),
            single.GetValueOrDefault("sign", NoSignature),
            single.GetValueOrDefault("keyinfo", "keyidentifier"),
            pre,
            post,
            Flag(single, "raw", "true", path),
            Flag(single, "send", "twice", path),
            Flag(single, "chunked", "true", path),
            Number(single, "pad", 0),
            single.GetValueOrDefault("detail"),
            Number(single, "max-ms", DefaultMaxMilliseconds)));
    }

    public override string ToString() => Name;

    private static CorpusCase Validate(string path, CorpusCase c)
    {
        if (ShepFaults.Find(c.Fault) is null)
        {
            throw new InvalidDataException($"{path}: fault '{c.Fault}' is not in the ShepFaults catalogue.");
        }

        if (!Certificates.Contains(c.Sign) || !KeyInfoForms.Contains(c.KeyInfo))
        {
            throw new InvalidDataException($"{path}: sign must be one of {string.Join("|", Certificates)}, keyinfo one of {string.Join("|", KeyInfoForms)}.");
        }

        if (c.Raw && (c.Sign != NoSignature || c.Pre.Count > 0 || c.Post.Count > 0 || c.Pad > 0))
        {
            throw new InvalidDataException($"{path}: a raw case is posted byte for byte: no sign, pre, post or pad.");
        }

        var unknown = c.Pre.Where(m => !CorpusMutations.Pre.ContainsKey(m)).Concat(c.Post.Where(m => !CorpusMutations.Post.ContainsKey(m))).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidDataException($"{path}: unknown mutation(s) {string.Join(", ", unknown)}.");
        }

        if (c.Post.Count > 0 && c.Sign == NoSignature)
        {
            throw new InvalidDataException($"{path}: post mutations change a signed envelope; give sign:.");
        }

        return c;
    }

    private static string Required(Dictionary<string, string> values, string key, string path) =>
        values.TryGetValue(key, out var value) && value.Length > 0 ? value : throw new InvalidDataException($"{path}: '{key}:' is required.");

    private static int Number(Dictionary<string, string> values, string key, int fallback) =>
        values.TryGetValue(key, out var value) ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : fallback;

    private static bool Flag(Dictionary<string, string> values, string key, string expected, string path)
    {
        if (!values.TryGetValue(key, out var value))
        {
            return false;
        }

        return value == expected ? true : throw new InvalidDataException($"{path}: '{key}:' may only be '{expected}'.");
    }
}
