using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Shep.Security;

namespace ProactiveReissue.Gateway.Rest;

/// <summary>
/// Detached JWS (RFC 7515 appendix F) over the raw HTTP body: header "..".signature in X-JWS-Signature,
/// RS256 with the signer's chain in x5c. The same checks as the SOAP transport signature follow.
/// </summary>
public static class DetachedJws
{
    public const string HeaderName = "X-JWS-Signature";

    public static string Sign(ReadOnlySpan<byte> body, SigningCredentials credentials)
    {
        var header = WebEncoders.Base64UrlEncode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["alg"] = "RS256",
            ["x5c"] = new[] { credentials.CertificateBase64 },
        }));
        var input = Encoding.ASCII.GetBytes(header + "." + WebEncoders.Base64UrlEncode(body.ToArray()));
        var signature = credentials.Key.SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return header + ".." + WebEncoders.Base64UrlEncode(signature);
    }

    /// <summary>Verifies and returns the signer's certificate: SCE007 missing, SCE008 algorithm, SCE006 invalid.</summary>
    public static X509Certificate2 Verify(string? jws, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrWhiteSpace(jws))
        {
            throw new ShepException(ShepFaults.TransportSignatureMissing, $"The request carries no {HeaderName} header (detached JWS over the body).");
        }

        var parts = jws.Trim().Split('.');
        if (parts.Length != 3 || parts[1].Length != 0)
        {
            throw new ShepException(ShepFaults.TransportSignatureInvalid, $"{HeaderName} must be a detached compact JWS: header..signature.");
        }

        string alg;
        X509Certificate2 certificate;
        byte[] signature;
        try
        {
            using var header = JsonDocument.Parse(WebEncoders.Base64UrlDecode(parts[0]));
            alg = header.RootElement.TryGetProperty("alg", out var a) ? a.GetString() ?? string.Empty : string.Empty;
            if (alg != "RS256")
            {
                throw new ShepException(ShepFaults.UnsupportedAlgorithm, $"JWS algorithm '{alg}' is not supported; RS256 is.");
            }

            if (header.RootElement.TryGetProperty("b64", out var b64) && b64.ValueKind == JsonValueKind.False)
            {
                throw new ShepException(ShepFaults.TransportSignatureInvalid, "Unencoded JWS payloads (b64=false) are not accepted.");
            }

            if (!header.RootElement.TryGetProperty("x5c", out var x5c) || x5c.ValueKind != JsonValueKind.Array || x5c.GetArrayLength() == 0)
            {
                throw new ShepException(ShepFaults.TransportSignatureInvalid, "The JWS header has no x5c certificate chain.");
            }

            certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(x5c[0].GetString() ?? string.Empty));
            signature = WebEncoders.Base64UrlDecode(parts[2]);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or CryptographicException)
        {
            throw new ShepException(ShepFaults.TransportSignatureInvalid, $"The JWS header cannot be read: {ex.Message}", inner: ex);
        }

        var input = Encoding.ASCII.GetBytes(parts[0] + "." + WebEncoders.Base64UrlEncode(body.ToArray()));
        using var key = certificate.GetRSAPublicKey();
        if (key is null || !key.VerifyData(input, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            throw new ShepException(ShepFaults.TransportSignatureInvalid, "The JWS signature does not match the body or the x5c certificate.");
        }

        return certificate;
    }
}
